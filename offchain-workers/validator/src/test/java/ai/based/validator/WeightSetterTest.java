package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.client.basedai.ValidatorWeightsClient.RevealedWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ai.based.protocol.scoring.Score;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * Commit-reveal against the real ValidatorWeights contract on a devnet: a validator restarted between its commit and
 * the reveal still reveals (the salt was on disk before the commit was sent), a commit it cannot reproduce is never
 * revealed, a failed transaction is retried on a later pass with a line saying what to do, and a reveal that falls due
 * while a challenge runs is made without waiting for the challenge to end.
 */
@Tag("devnet")
class WeightSetterTest {
    private static BrainOnDevnet brain;
    private static ValidatorWeightsClient weights;

    @BeforeAll
    static void deploy() throws Exception {
        brain = new BrainOnDevnet();
        weights = new ValidatorWeightsClient(brain.chain.session);
        for (int i = 0; i < 3; i++) brain.memorized(NodeRole.MINER, 0);
    }

    @AfterAll
    static void stop() {
        brain.close();
    }

    private static WeightSetter setter(Credentials validator, Path state, List<String> log) {
        return new WeightSetter(weights, validator, BrainOnDevnet.BRAIN, new CommitBook(state.resolve("commits.json")), log::add);
    }

    @Test
    void aValidatorRestartedBetweenCommitAndRevealStillReveals() throws Exception {
        Credentials validator = brain.memorized(NodeRole.VALIDATOR, 0);
        Path state = Files.createTempDirectory("validator-state-");
        List<String> log = new ArrayList<>();
        WeightSetter.Weights scored = new WeightSetter.Weights(new int[] {0, 2}, new int[] {65_535, 1_234});

        long epoch = brain.epoch();
        setter(validator, state, log).settle(() -> scored);
        assertThat(weights.commitOf(BrainOnDevnet.BRAIN, epoch, validator.getAddress()).committed()).isTrue();

        // the process ends here; a new one starts from the state directory in the next epoch, with no scores of its own
        brain.chain.closeEpoch(epoch);
        WeightSetter restarted = setter(validator, state, log);
        restarted.settle(() -> new WeightSetter.Weights(new int[0], new int[0]));

        List<RevealedWeights> revealed = weights.revealed(BrainOnDevnet.BRAIN, epoch);
        assertThat(revealed).hasSize(1);
        assertThat(revealed.getFirst().validator()).isEqualToIgnoringCase(validator.getAddress());
        assertThat(revealed.getFirst().uids()).containsExactly(0, 2);
        assertThat(revealed.getFirst().weights()).containsExactly(65_535, 1_234);
        assertThat(log).anyMatch(line -> line.contains("revealed the weights of epoch " + epoch));
        assertThat(new CommitBook(state.resolve("commits.json")).pending()).as("nothing left to reveal").isEmpty();
    }

    @Test
    void aCommitWhoseKeptWeightsNoLongerHashToItIsNeverRevealed() throws Exception {
        Credentials validator = brain.memorized(NodeRole.VALIDATOR, 0);
        Path state = Files.createTempDirectory("validator-state-");
        List<String> log = new ArrayList<>();
        long epoch = brain.epoch();
        setter(validator, state, log).settle(() -> new WeightSetter.Weights(new int[] {1}, new int[] {65_535}));

        // the commit file is edited behind the validator's back: other weights under the same hash
        CommitBook book = new CommitBook(state.resolve("commits.json"));
        PendingCommit kept = book.forEpoch(epoch).orElseThrow();
        book.add(new PendingCommit(epoch, new int[] {0, 1}, new int[] {65_535, 65_535}, kept.salt(), kept.hash()));

        brain.chain.closeEpoch(epoch);
        setter(validator, state, log).settle(() -> new WeightSetter.Weights(new int[0], new int[0]));
        assertThat(weights.revealed(BrainOnDevnet.BRAIN, epoch)).noneMatch(w -> w.validator().equalsIgnoreCase(validator.getAddress()));
        assertThat(log).anyMatch(line -> line.contains("not revealing epoch " + epoch) && line.contains("no longer hash to the commit"));
    }

    @Test
    void aRefusedCommitIsLoggedWithTheFixAndRetriedOnTheNextPass() throws Exception {
        Credentials outsider = brain.wallet(0);
        Path state = Files.createTempDirectory("validator-state-");
        List<String> log = new ArrayList<>();
        WeightSetter setter = setter(outsider, state, log);
        long epoch = brain.epoch();
        setter.settle(() -> new WeightSetter.Weights(new int[] {0}, new int[] {65_535}));
        assertThat(log).anyMatch(line -> line.startsWith("could not commit the weights of epoch " + epoch) && line.contains("retrying"));
        assertThat(weights.commitOf(BrainOnDevnet.BRAIN, epoch, outsider.getAddress()).committed()).isFalse();

        // memorized now (what the log asked for): the next pass of the same epoch sends the kept commit again
        brain.chain.session.registry(brain.chain.session.signer(outsider)).memorize(java.math.BigInteger.valueOf(BrainOnDevnet.BRAIN),
                NodeRole.VALIDATOR.onChain(), new byte[32]).send();
        setter.settle(() -> new WeightSetter.Weights(new int[] {0}, new int[] {1}));
        assertThat(weights.commitOf(BrainOnDevnet.BRAIN, epoch, outsider.getAddress()).hash())
                .isEqualTo(new CommitBook(state.resolve("commits.json")).forEpoch(epoch).orElseThrow().hash());
    }

    @Test
    void aRevealThatFallsDueDuringAChallengeIsMadeBeforeTheChallengeEnds() throws Exception {
        Credentials validator = brain.memorized(NodeRole.VALIDATOR, 0);
        List<String> log = new CopyOnWriteArrayList<>();
        WeightSetter setter = setter(validator, Files.createTempDirectory("validator-state-"), log);
        CountDownLatch secondChallenge = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger challenges = new AtomicInteger();
        MinerChallenger slowSecond = new MinerChallenger() {
            @Override
            public Result challenge(MinerTarget target) throws InterruptedException {
                if (challenges.incrementAndGet() > 1) {
                    secondChallenge.countDown();
                    assertThat(release.await(2, TimeUnit.MINUTES)).as("released by the test").isTrue();
                }
                return new Result(new Score(1, "exact"), Duration.ofSeconds(1), "1 tokens");
            }

            @Override
            public void cancel() {
                release.countDown();
            }

            @Override
            public void close() {}
        };
        MinerTarget miner = new MinerTarget(0, brain.wallet(1).getAddress(), URI.create("https://127.0.0.1:9"), new byte[32]);
        try (ValidatorService service = new ValidatorService(() -> List.of(miner), slowSecond, setter, 0.5, log::add, Duration.ofMillis(100))) {
            service.pass(); // nothing scored yet, so nothing committed; the first challenge scores the miner
            brain.chain.closeEpoch(brain.epoch());
            long committed = brain.epoch();
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try {
                    service.pass(); // commits for this epoch, then the second challenge, which waits for the test
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(secondChallenge.await(1, TimeUnit.MINUTES)).as("the second challenge started; %s", log).isTrue();
            assertThat(weights.commitOf(BrainOnDevnet.BRAIN, committed, validator.getAddress()).committed()).as("%s", log).isTrue();

            brain.chain.closeEpoch(committed); // the reveal is due now, and only during this next epoch
            // the look that reveals also commits for the new epoch: both, while the challenge is held
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((weights.revealed(BrainOnDevnet.BRAIN, committed).isEmpty() || setter.lastCommitted() != committed + 1)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(weights.revealed(BrainOnDevnet.BRAIN, committed)).as("revealed with the challenge still running; %s", log).hasSize(1);
            assertThat(setter.lastCommitted()).as("%s", log).isEqualTo(committed + 1);
            assertThat(second).as("the challenge is still running").isNotDone();

            release.countDown();
            second.get(1, TimeUnit.MINUTES);
        }
        assertThat(challenges).hasValue(2);
        assertThat(log).filteredOn(line -> line.startsWith("challenged miner uid 0")).hasSize(2);
    }
}
