package ai.based.client.market;

import ai.based.chain.tx.ContractRevertException;
import ai.based.chain.tx.DecodedRevert;
import ai.based.client.Pepe;
import ai.based.client.market.MarketException.Reason;
import java.math.BigInteger;

/** Turns the ComputeMarket's custom errors into sentences a user, a miner or a Brain owner can act on. */
final class MarketErrors {
    private MarketErrors() {}

    static RuntimeException explain(String action, ContractRevertException e) {
        DecodedRevert r = e.revert();
        String prefix = "cannot " + action + ": ";
        return switch (r.error()) {
            case "MarketZeroAmount" -> new MarketException(Reason.INVALID_INPUT, prefix + "the amount must be above 0");
            case "MarketInsufficientBalance" -> new MarketException(Reason.INSUFFICIENT_FUNDS, prefix + "the spending account of "
                    + r.value("user") + " holds " + based(r, "balance") + " BASED, asked for " + based(r, "amount") + " BASED");
            case "MarketNoWithdrawalPending" -> new MarketException(Reason.NO_WITHDRAWAL, prefix + r.value("user")
                    + " has no withdrawal pending; request one first with 'based account withdraw --amount X'");
            case "MarketWithdrawalLocked" -> new MarketException(Reason.WITHDRAWAL_LOCKED, prefix
                    + "the withdrawal unlocks at block " + r.value("unlockBlock"));
            case "MarketNotBrainOwner" -> new MarketException(Reason.NOT_ALLOWED, prefix + r.value("caller")
                    + " is not the owner of active Brain #" + r.value("brainId"));
            case "MarketPriceOutOfBounds" -> new MarketException(Reason.INVALID_INPUT, prefix + "the price "
                    + based(r, "price") + " BASED is outside governance's bounds [" + based(r, "minPrice") + ", "
                    + based(r, "maxPrice") + "] BASED a unit");
            case "MarketInvalidPriceBounds" -> new MarketException(Reason.INVALID_INPUT, prefix
                    + "the minimum price is above the maximum");
            case "MarketNotReceiptMiner" -> new MarketException(Reason.NOT_ALLOWED, prefix + "the receipt pays miner "
                    + r.value("miner") + ", only that wallet may redeem it (sent by " + r.value("caller") + ")");
            case "MarketMinerNotMemorized" -> new MarketException(Reason.NOT_ALLOWED, prefix + r.value("miner")
                    + " is not a miner of Brain #" + r.value("brainId") + "; memorize it first");
            case "MarketInvalidSignature", "ECDSAInvalidSignature", "ECDSAInvalidSignatureS", "ECDSAInvalidSignatureLength" ->
                    new MarketException(Reason.INVALID_SIGNATURE, prefix + "the receipt is not signed by its user (" + r + ")");
            case "MarketStaleReceipt" -> new MarketException(Reason.STALE_RECEIPT, prefix + "the channel already redeemed "
                    + r.value("redeemedUnits") + " units for " + based(r, "redeemedAmount") + " BASED; this receipt says "
                    + r.value("units") + " units for " + based(r, "amount") + " BASED (replayed or older receipt)");
            case "MarketOverspend" -> new MarketException(Reason.INSUFFICIENT_FUNDS, prefix + "the spending account of "
                    + r.value("user") + " holds " + based(r, "balance") + " BASED, the receipt adds " + based(r, "owed") + " BASED");
            case "ERC20InsufficientBalance", "ERC20InsufficientAllowance" -> new MarketException(Reason.INSUFFICIENT_FUNDS,
                    prefix + "the wallet lacks BASED or allowance (" + r + ")");
            default -> e;
        };
    }

    private static String based(DecodedRevert r, String name) {
        return Pepe.format((BigInteger) r.value(name));
    }
}
