package ai.based.client.market;

import ai.based.chain.tx.ContractRevertException;
import ai.based.chain.tx.TxManager;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.market.MarketException.Reason;
import ai.based.contracts.ComputeMarket;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Spending accounts, prices and receipt redemption on the BasedAI chain's ComputeMarket, the library path under
 * {@code based account} and {@code based brain price}, and what miners call to be paid. Each operation checks what
 * it can before signing (a short wallet hears how much it lacks, a locked withdrawal which block unlocks it), and
 * translates what the chain still refuses.
 */
public final class ComputeMarketClient {
    private final BasedSession session;

    public ComputeMarketClient(BasedSession session) {
        this.session = session;
    }

    public String address() {
        return market(session.reader()).getContractAddress();
    }

    /** Signs and checks receipts for this deployment's market (its chain id and address). */
    public ReceiptSigner receiptSigner() {
        return new ReceiptSigner(session.deployment().chainId(), address());
    }

    public long withdrawalDelayBlocks() throws Exception {
        return market(session.reader()).WITHDRAWAL_DELAY().send().longValueExact();
    }

    // ---- prices -----------------------------------------------------------------------------------------

    /** BASED base units per compute unit on the Brain (the contract's default until its owner sets one). */
    public BigInteger price(long brainId) throws Exception {
        return market(session.reader()).price(BigInteger.valueOf(brainId)).send();
    }

    /** Governance's bounds on prices Brain owners set, in BASED base units a unit. */
    public record PriceBounds(BigInteger min, BigInteger max) {}

    public PriceBounds priceBounds() throws Exception {
        ComputeMarket market = market(session.reader());
        return new PriceBounds(market.minPrice().send(), market.maxPrice().send());
    }

    public void setPrice(Credentials owner, long brainId, BigInteger pricePerUnit) throws Exception {
        if (pricePerUnit.signum() < 0) throw new MarketException(Reason.INVALID_INPUT, "a price must not be negative");
        try {
            market(session.signer(owner)).setPrice(BigInteger.valueOf(brainId), pricePerUnit).send();
        } catch (ContractRevertException e) {
            throw MarketErrors.explain("set the price of Brain #" + brainId, e);
        }
    }

    // ---- spending accounts ------------------------------------------------------------------------------

    public SpendingAccount account(String user) throws Exception {
        ComputeMarket.Account a = market(session.reader()).account(user).send();
        return new SpendingAccount(user, a.balance, a.pending, a.unlockBlock.longValueExact());
    }

    /** Approves exactly {@code amount} to the market and deposits it; returns the account after. */
    public SpendingAccount deposit(Credentials user, BigInteger amount) throws Exception {
        requirePositive(amount, "deposit");
        TxManager tx = session.signer(user);
        BigInteger held = session.token(session.reader()).balanceOf(user.getAddress()).send();
        if (held.compareTo(amount) < 0) {
            throw new MarketException(Reason.INSUFFICIENT_FUNDS, "cannot deposit: wallet " + user.getAddress() + " holds "
                    + Pepe.format(held) + " BASED, the deposit is " + Pepe.format(amount) + " BASED");
        }
        ComputeMarket market = market(tx);
        try {
            session.token(tx).approve(market.getContractAddress(), amount).send();
            market.deposit(amount).send();
        } catch (ContractRevertException e) {
            throw MarketErrors.explain("deposit", e);
        }
        return account(user.getAddress());
    }

    /**
     * Asks {@code amount} back; it can be withdrawn after the delay and stays redeemable by miners until then. A new
     * request replaces a pending one and restarts the delay. Returns the account, with its unlock block.
     */
    public SpendingAccount requestWithdrawal(Credentials user, BigInteger amount) throws Exception {
        requirePositive(amount, "request a withdrawal");
        SpendingAccount before = account(user.getAddress());
        if (before.balance().compareTo(amount) < 0) {
            throw new MarketException(Reason.INSUFFICIENT_FUNDS, "cannot request a withdrawal: the spending account of "
                    + user.getAddress() + " holds " + Pepe.format(before.balance()) + " BASED, asked for "
                    + Pepe.format(amount) + " BASED");
        }
        try {
            market(session.signer(user)).requestWithdrawal(amount).send();
        } catch (ContractRevertException e) {
            throw MarketErrors.explain("request a withdrawal", e);
        }
        return account(user.getAddress());
    }

    /** Completes the pending withdrawal once unlocked; returns the BASED base units paid back. */
    public BigInteger withdraw(Credentials user) throws Exception {
        SpendingAccount before = account(user.getAddress());
        if (!before.hasPendingWithdrawal()) {
            throw new MarketException(Reason.NO_WITHDRAWAL, "cannot withdraw: " + user.getAddress()
                    + " has no withdrawal pending; request one first with 'based account withdraw --amount X'");
        }
        long block = session.node().blockNumber().longValueExact();
        if (!before.unlockedAt(block)) {
            // The next block is the one the withdrawal would be mined in.
            long wait = Math.max(0, before.unlockBlock() - block - 1);
            if (wait > 0) {
                throw new MarketException(Reason.WITHDRAWAL_LOCKED, "cannot withdraw yet: the withdrawal of "
                        + Pepe.format(before.pending()) + " BASED unlocks at block " + before.unlockBlock() + ", now "
                        + block + " (" + wait + " blocks, about " + formatWait(wait) + ")");
            }
        }
        try {
            TransactionReceipt receipt = market(session.signer(user)).withdraw().send();
            return ComputeMarket.getWithdrawnEvents(receipt).getFirst().amount;
        } catch (ContractRevertException e) {
            throw MarketErrors.explain("withdraw", e);
        }
    }

    // ---- payment channels -------------------------------------------------------------------------------

    public ChannelState redeemed(String user, String miner, long brainId) throws Exception {
        ComputeMarket.Channel c = market(session.reader()).redeemed(user, miner, BigInteger.valueOf(brainId)).send();
        return new ChannelState(c.units, c.amount);
    }

    /** Redeems the latest receipt of a channel as its miner; pays the difference from what was redeemed before. */
    public Redemption redeem(Credentials miner, Receipt receipt, byte[] signature) throws Exception {
        try {
            TransactionReceipt tx = market(session.signer(miner)).redeem(onChain(receipt), signature).send();
            ComputeMarket.RedeemedEventResponse event = ComputeMarket.getRedeemedEvents(tx).getFirst();
            return new Redemption(event.paid, event.units, tx.getTransactionHash());
        } catch (ContractRevertException e) {
            throw MarketErrors.explain("redeem the receipt", e);
        }
    }

    /**
     * Whether the user's account can still pay {@code more} on top of {@code latest}, the newest receipt the miner
     * holds on the channel: what is available (balance less a pending withdrawal, which the user may take once it
     * unlocks) must cover what the miner has not redeemed yet plus {@code more}. A miner asks before serving the next
     * unit and stops serving when the answer is no. Receipts held by other miners are not visible here.
     */
    public boolean covers(Receipt latest, BigInteger more) throws Exception {
        ChannelState done = redeemed(latest.user(), latest.miner(), latest.brainId());
        BigInteger unredeemed = latest.amount().subtract(done.amount()).max(BigInteger.ZERO);
        return account(latest.user()).available().compareTo(unredeemed.add(more)) >= 0;
    }

    /** The contract's own EIP-712 digest of a receipt (a view); ReceiptSigner computes the same off chain. */
    public byte[] hashOnChain(Receipt receipt) throws Exception {
        return market(session.reader()).hashReceipt(onChain(receipt)).send();
    }

    private static ComputeMarket.Receipt onChain(Receipt r) {
        return new ComputeMarket.Receipt(r.user(), r.miner(), BigInteger.valueOf(r.brainId()), r.units(), r.amount());
    }

    private ComputeMarket market(org.web3j.tx.TransactionManager tx) {
        return session.computeMarket(tx);
    }

    private static void requirePositive(BigInteger amount, String action) {
        if (amount == null || amount.signum() <= 0) {
            throw new MarketException(Reason.INVALID_INPUT, "cannot " + action + ": the amount must be above 0 BASED");
        }
    }

    /** Blocks as wall time at the chain's 10 s a block. */
    static String formatWait(long blocks) {
        long seconds = blocks * 10;
        if (seconds < 120) return seconds + " s";
        if (seconds < 7_200) return (seconds / 60) + " min";
        return String.format("%.1f h", seconds / 3600.0);
    }
}
