package ai.based.validator;

import ai.based.client.Pepe;
import ai.based.client.market.ComputeMarketClient;
import ai.based.miner.remote.ChannelPayer;
import ai.based.protocol.wire.Message;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;

/**
 * The validator pays as a user pays: receipts from its spending account through the user's {@link ChannelPayer} (its
 * own ledger under the validator's state directory), and, when the account runs low, a deposit from the validator's
 * wallet as a user makes with 'based account deposit'.
 */
public final class ChainPayer implements ChallengePayer {
    /** A deposit covers this many challenges, so the validator does not send a transaction before each. */
    static final int CHALLENGES_PER_DEPOSIT = 20;

    private final ComputeMarketClient market;
    private final Credentials wallet;
    private final ChannelPayer channels;
    private final Consumer<String> log;
    private final WalletTransactions transactions;

    public ChainPayer(ComputeMarketClient market, Credentials wallet, long brainId, Path ledgerDir, Consumer<String> log) throws Exception {
        this(market, wallet, brainId, ledgerDir, log, new WalletTransactions());
    }

    /** @param transactions the wallet's other senders' turn-taking (the validator's weights, {@link WeightSetter}) */
    public ChainPayer(ComputeMarketClient market, Credentials wallet, long brainId, Path ledgerDir, Consumer<String> log,
            WalletTransactions transactions) throws Exception {
        this.transactions = transactions;
        this.market = market;
        this.wallet = wallet;
        this.channels = new ChannelPayer(market, wallet, brainId, ledgerDir);
        this.log = log;
    }

    @Override
    public String account() {
        return channels.payer();
    }

    @Override
    public void ensureCovers(int units) throws Exception {
        BigInteger cost = channels.price().multiply(BigInteger.valueOf(units));
        if (market.account(wallet.getAddress()).available().compareTo(cost) >= 0) return;
        BigInteger deposit = cost.multiply(BigInteger.valueOf(CHALLENGES_PER_DEPOSIT));
        log.accept("the spending account has less than a challenge's " + Pepe.format(cost) + " BASED: depositing " + Pepe.format(deposit)
                + " BASED from the validator's wallet");
        transactions.call(() -> market.deposit(wallet, deposit));
    }

    @Override
    public Message.Payment oneMoreUnit(String miner) throws Exception {
        return channels.oneMoreUnit(miner);
    }

    @Override
    public Message.Payment moreUnits(String miner, int units) throws Exception {
        return channels.moreUnits(miner, units);
    }
}
