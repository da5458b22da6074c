package ai.based.miner;

import ai.based.client.market.ChannelState;
import ai.based.client.market.ComputeMarketClient;
import ai.based.client.market.Receipt;
import ai.based.client.market.ReceiptSigner;
import ai.based.client.market.SpendingAccount;
import ai.based.client.Pepe;
import ai.based.protocol.wire.Message;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * Payment through the ComputeMarket: a request is served when the payer's spending account covers its compute units
 * on top of what it owes this miner unredeemed, and when the session's earlier requests are paid; a receipt is kept
 * when it is the user's signature over more units than the last one, pays at least the Brain's price for each, and
 * asks no more than the account can pay (a receipt the miner could not redeem would replace one it could).
 * Units served are counted per payer, not per session: a client that closes each session after its logits and opens
 * another gets at most {@link #CARRIED_UNITS} pass on credit, not one per session. {@link #settle} redeems every channel whose latest receipt
 * adds to what the chain has paid; a receipt that fails to redeem is reported and does not hold back the others.
 */
public final class MarketGate implements PaymentGate {
    private final ComputeMarketClient market;
    private final ReceiptSigner signer;
    private final Credentials miner;
    private final long brainId;
    private final ReceiptBook book;
    private final Consumer<String> log;
    private volatile BigInteger price;
    private volatile BigInteger redeemedTotal = BigInteger.ZERO;
    /**
     * Unpaid units a payer may carry into a new session. One, so that an honest client whose connection broke between
     * the logits and its receipt can come back (a payment needs a session, and a session's first message is a pass)
     * and pay both units with its next receipt; more would be a free pass per session.
     */
    static final int CARRIED_UNITS = 1;
    /** Cumulative units served to each payer (lower-case address) since this process started counting it. */
    private final Map<String, BigInteger> served = new ConcurrentHashMap<>();

    public MarketGate(ComputeMarketClient market, Credentials miner, long brainId, Path receiptsFile, Consumer<String> log) throws Exception {
        this.market = market;
        this.signer = market.receiptSigner();
        this.miner = miner;
        this.brainId = brainId;
        this.book = new ReceiptBook(receiptsFile, miner.getAddress(), brainId);
        this.log = log;
        this.price = market.price(brainId);
    }

    public BigInteger price() {
        return price;
    }

    @Override
    public void beforePass(String payer, long unpaidUnits, long units) throws PaymentRequiredException {
        if (!WalletUtils.isValidAddress(payer) || !payer.startsWith("0x")) {
            throw new PaymentRequiredException("the pass names no paying account (got '" + payer + "'): pay from a wallet with a spending account");
        }
        if (unpaidUnits > 0) {
            throw new PaymentRequiredException("the session's previous request is unpaid: send a receipt for it before the next one");
        }
        ChannelState paid = lastAccepted(payer);
        BigInteger servedUnits = served.getOrDefault(payer.toLowerCase(), paid.units());
        BigInteger unreceipted = servedUnits.subtract(paid.units()).max(BigInteger.ZERO);
        if (unreceipted.compareTo(BigInteger.valueOf(CARRIED_UNITS)) > 0) {
            throw new PaymentRequiredException(servedUnits.subtract(paid.units()) + " compute unit(s) this miner served to " + payer
                    + " are unpaid (receipts cover " + paid.units() + " of " + servedUnits + "): send the receipt before the next pass");
        }
        try {
            SpendingAccount account = market.account(payer);
            BigInteger owed = owedUnredeemed(payer);
            owed = owed.add(price.multiply(unreceipted)); // a carried unit is owed too, though no receipt names it yet
            BigInteger cost = price.multiply(BigInteger.valueOf(units));
            BigInteger needed = owed.add(cost);
            if (account.available().compareTo(needed) < 0) {
                throw new PaymentRequiredException("account " + payer + " has " + Pepe.format(account.available()) + " BASED available; the next "
                        + (units == 1 ? "compute unit costs " : units + " compute units cost ") + Pepe.format(cost) + " on top of " + Pepe.format(owed)
                        + " owed to this miner: deposit with 'based account deposit'");
            }
            // counted from here on; a payer refused above leaves no entry (random addresses cannot grow the map)
            served.putIfAbsent(payer.toLowerCase(), paid.units());
        } catch (PaymentRequiredException e) {
            throw e;
        } catch (Exception e) {
            throw PaymentRequiredException.unavailable("the miner cannot read the payer's account on chain right now (" + e.getMessage() + "): retry later");
        }
    }

    @Override
    public void served(String payer, long units) {
        served.merge(payer.toLowerCase(), BigInteger.valueOf(units), BigInteger::add);
    }

    @Override
    public void accept(String payer, Message.Payment payment) throws PaymentRequiredException {
        Receipt receipt;
        try {
            receipt = new Receipt(payer, miner.getAddress(), brainId, BigInteger.valueOf(payment.units()), new BigInteger(1, payment.amount()));
        } catch (RuntimeException e) {
            throw new PaymentRequiredException("the receipt is malformed: " + e.getMessage());
        }
        if (payment.amount().length > 32 || !signer.isSignedByUser(receipt, payment.signature())) {
            throw new PaymentRequiredException("the receipt is not signed by " + payer + " for this miner, Brain and market");
        }
        ChannelState last = lastAccepted(payer);
        BigInteger moreUnits = receipt.units().subtract(last.units());
        if (moreUnits.signum() <= 0) {
            throw new PaymentRequiredException("the receipt for " + receipt.units() + " units is not above the " + last.units() + " already paid");
        }
        BigInteger due = price.multiply(moreUnits);
        if (receipt.amount().subtract(last.amount()).compareTo(due) < 0) {
            throw new PaymentRequiredException("the receipt adds " + Pepe.format(receipt.amount().subtract(last.amount())) + " BASED for " + moreUnits
                    + " units; they cost " + Pepe.format(due));
        }
        BigInteger added;
        BigInteger available;
        try {
            added = receipt.amount().subtract(market.redeemed(payer, miner.getAddress(), brainId).amount());
            available = market.account(payer).available();
        } catch (Exception e) {
            throw PaymentRequiredException.unavailable("the miner cannot read the payer's account on chain right now (" + e.getMessage() + "): retry later");
        }
        if (added.compareTo(available) > 0) {
            throw new PaymentRequiredException("the receipt asks " + Pepe.format(added) + " BASED beyond what was redeemed; account " + payer
                    + " has " + Pepe.format(available) + " available: it could not be redeemed");
        }
        try {
            book.put(new ReceiptBook.Signed(receipt, payment.signature()));
        } catch (java.io.IOException e) {
            throw PaymentRequiredException.unavailable("the miner could not keep the receipt (" + e.getMessage() + "); the pass was not charged");
        }
    }

    /** The last receipt accepted from the user, or what the chain has redeemed when none is kept (a fresh miner). */
    private ChannelState lastAccepted(String payer) throws PaymentRequiredException {
        var kept = book.latest(payer);
        if (kept.isPresent()) return new ChannelState(kept.get().receipt().units(), kept.get().receipt().amount());
        try {
            return market.redeemed(payer, miner.getAddress(), brainId);
        } catch (Exception e) {
            throw PaymentRequiredException.unavailable("the miner cannot read the channel on chain right now (" + e.getMessage() + "): retry later");
        }
    }

    private BigInteger owedUnredeemed(String payer) throws Exception {
        var kept = book.latest(payer);
        if (kept.isEmpty()) return BigInteger.ZERO;
        return kept.get().receipt().amount().subtract(market.redeemed(payer, miner.getAddress(), brainId).amount()).max(BigInteger.ZERO);
    }

    @Override
    public void settle() throws Exception {
        price = market.price(brainId);
        for (ReceiptBook.Signed signed : book.all()) {
            try {
                ChannelState onChain = market.redeemed(signed.receipt().user(), miner.getAddress(), brainId);
                if (signed.receipt().amount().compareTo(onChain.amount()) <= 0) continue;
                var redemption = market.redeem(miner, signed.receipt(), signed.signature());
                redeemedTotal = redeemedTotal.add(redemption.paid());
                log.accept("redeemed " + Pepe.format(redemption.paid()) + " BASED from " + signed.receipt().user() + " ("
                        + redemption.cumulativeUnits() + " units in all)");
            } catch (Exception e) {
                // one user's receipt (an account emptied since, a chain hiccup) must not keep the others from being redeemed
                log.accept("could not redeem the receipt of " + signed.receipt().user() + " (kept for the next settlement): " + e.getMessage());
            }
        }
    }

    @Override
    public JsonObject figures() {
        BigInteger earned = book.all().stream().map(s -> s.receipt().amount()).reduce(BigInteger.ZERO, BigInteger::add);
        return new JsonObject().put("price", price.toString()).put("earnedByReceipts", earned.toString())
                .put("redeemedHere", redeemedTotal.toString()).put("payers", book.all().size());
    }
}
