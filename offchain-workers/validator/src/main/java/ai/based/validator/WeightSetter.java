package ai.based.validator;

import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.client.basedai.WeightsException;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;

/**
 * Puts the validator's weights on chain by commit-reveal, one step per pass: when the chain's epoch moves to e, the commit
 * of e - 1 is revealed (only if the validator can reproduce its hash and the chain holds that very hash), then the weights of
 * that moment are committed for e (once per epoch), their salt written to the {@link CommitBook} before the transaction is sent. A
 * transaction that fails is logged with what to do and tried again on the next pass; a commit too old to reveal is
 * dropped with a line saying so (an unrevealed commit counts as no weights).
 */
public final class WeightSetter implements ValidatorService.WeightsStep {
    /** How often a failed reveal is retried while a challenge runs. */
    static final Duration REVEAL_RETRY = Duration.ofSeconds(10);

    /** The weights to commit: uids strictly ascending, u16 values. */
    public record Weights(int[] uids, int[] values) {
        public boolean isEmpty() {
            return uids.length == 0;
        }
    }

    private final ValidatorWeightsClient chain;
    private final Credentials validator;
    private final long brainId;
    private final CommitBook book;
    private final Consumer<String> log;
    private final WalletTransactions transactions;
    private final SecureRandom random = new SecureRandom();
    private long lastSeenEpoch = -1;
    private long lastRevealAttempt = System.nanoTime() - REVEAL_RETRY.toNanos();
    private volatile long lastCommitted = -1;
    private volatile long lastRevealed = -1;
    private volatile String lastFailure = "";

    public WeightSetter(ValidatorWeightsClient chain, Credentials validator, long brainId, CommitBook book, Consumer<String> log) {
        this(chain, validator, brainId, book, log, new WalletTransactions());
    }

    /** @param transactions the wallet's other senders' turn-taking (the validator's deposits, {@link ChainPayer}) */
    public WeightSetter(ValidatorWeightsClient chain, Credentials validator, long brainId, CommitBook book, Consumer<String> log,
            WalletTransactions transactions) {
        this.transactions = transactions;
        this.chain = chain;
        this.validator = validator;
        this.brainId = brainId;
        this.book = book;
        this.log = log;
    }

    /** One step: reveal what is due, then commit {@code current} for this epoch if that is not done yet. */
    @Override
    public void settle(Supplier<Weights> current) {
        settleAt(chain.nextBlockEpoch(), current); // the epoch the chain checks a transaction sent now against
    }

    private void settleAt(long epoch, Supplier<Weights> current) {
        for (PendingCommit pending : book.pending()) {
            if (pending.epoch() < epoch) revealOrDrop(pending, epoch);
        }
        commit(epoch, current);
    }

    /**
     * Settles when the epoch moved since the last settlement, and retries a failed reveal still in its epoch at most
     * every {@link #REVEAL_RETRY}: a challenge may last longer than that epoch.
     */
    @Override
    public void settleIfEpochMoved(Supplier<Weights> current) {
        long epoch = chain.nextBlockEpoch();
        boolean revealDue = book.pending().stream().anyMatch(p -> p.epoch() == epoch - 1)
                && System.nanoTime() - lastRevealAttempt >= REVEAL_RETRY.toNanos();
        if (epoch != lastSeenEpoch || revealDue) settleAt(epoch, current);
    }

    private void revealOrDrop(PendingCommit pending, long epoch) {
        long e = pending.epoch();
        if (e < epoch - 1) {
            log.accept("dropping the commit of epoch " + e + ": reveals are accepted only during epoch " + (e + 1) + " and the chain is at "
                    + epoch + " (the commit counts as no weights)");
            book.remove(e);
            return;
        }
        byte[] again = ValidatorWeightsClient.commitHash(brainId, e, pending.uids(), pending.weights(), pending.salt(), validator.getAddress());
        if (!Arrays.equals(again, pending.hash())) {
            log.accept("not revealing epoch " + e + ": the kept weights and salt no longer hash to the commit (a damaged commit file?)");
            book.remove(e);
            return;
        }
        ValidatorWeightsClient.CommitState onChain = chain.commitOf(brainId, e, validator.getAddress());
        if (onChain.revealed()) {
            book.remove(e);
            return;
        }
        if (!Arrays.equals(onChain.hash(), pending.hash())) {
            log.accept("not revealing epoch " + e + ": the chain holds " + (onChain.committed() ? "another commit" : "no commit")
                    + " for this validator (the commit transaction never landed)");
            book.remove(e);
            return;
        }
        lastRevealAttempt = System.nanoTime();
        try {
            transactions.run(() -> chain.reveal(validator, brainId, e, pending.uids(), pending.weights(), pending.salt()));
            book.remove(e);
            lastRevealed = e;
            log.accept("revealed the weights of epoch " + e + " for " + pending.uids().length + " miners");
        } catch (WeightsException failure) {
            lastFailure = failure.getMessage();
            log.accept("could not reveal the weights of epoch " + e + " (" + failure.reason() + "): " + failure.getMessage()
                    + "; retrying until epoch " + (e + 1) + " ends");
        }
    }

    private void commit(long epoch, Supplier<Weights> current) {
        boolean moved = epoch != lastSeenEpoch;
        lastSeenEpoch = epoch;
        PendingCommit kept = book.forEpoch(epoch).orElse(null);
        if (kept != null) {
            if (Arrays.equals(chain.commitOf(brainId, epoch, validator.getAddress()).hash(), kept.hash())) return;
            send(kept, "again");
            return;
        }
        if (!moved) return; // the weights of an epoch are those it starts with: a commit per epoch, at its first pass
        Weights weights = current.get();
        if (weights.isEmpty()) return; // no miner has scored yet: nothing worth committing
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        byte[] hash = ValidatorWeightsClient.commitHash(brainId, epoch, weights.uids(), weights.values(), salt, validator.getAddress());
        PendingCommit commit = new PendingCommit(epoch, weights.uids(), weights.values(), salt, hash);
        book.add(commit); // on disk before the transaction: a restart can still reveal
        send(commit, "");
    }

    private void send(PendingCommit commit, String again) {
        try {
            transactions.run(() -> chain.commit(validator, brainId, commit.epoch(), commit.hash()));
            lastCommitted = commit.epoch();
            log.accept("committed weights for epoch " + commit.epoch() + (again.isEmpty() ? "" : " " + again) + " (" + commit.uids().length
                    + " miners); the reveal follows in epoch " + (commit.epoch() + 1));
        } catch (WeightsException failure) {
            lastFailure = failure.getMessage();
            log.accept("could not commit the weights of epoch " + commit.epoch() + " (" + failure.reason() + "): " + failure.getMessage()
                    + "; retrying on the next pass");
        }
    }

    @Override
    public JsonObject metrics() {
        return new JsonObject().put("lastCommittedEpoch", lastCommitted).put("lastRevealedEpoch", lastRevealed).put("lastFailure", lastFailure);
    }

    public long lastCommitted() {
        return lastCommitted;
    }

    public long lastRevealed() {
        return lastRevealed;
    }

    public String lastFailure() {
        return lastFailure;
    }
}
