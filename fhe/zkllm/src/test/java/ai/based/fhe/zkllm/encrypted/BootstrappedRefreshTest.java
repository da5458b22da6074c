package ai.based.fhe.zkllm.encrypted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.BoundedAttention;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hidden state refreshed by the miner's bootstrapping instead of the client's round trip ({@link BootstrapRefresh}),
 * on a small insecure ring where bootstrapping takes about a second: N = 2^11, a two-layer micro model's 512 slots
 * (32 features x 16 tokens) replicated twice, ten levels left after bootstrapping, grouped key-switching digits. The pass
 * runs twice on the same prompts, once with the client's refresh and once with the miner's, and both are compared with
 * the plaintext model.
 */
@Tag("model")
class BootstrappedRefreshTest {
    private static final BootstrapParameters SET = MicroBootstrapping.SET;
    private static ModelConfig config;
    private static Weights weights;
    private static PlainGpt plain;
    private static EncryptedGpt circuit;
    private static ZkllmClient client;
    private static Bootstrapper bootstrapper;
    private static EncryptedGpt.Session session;

    @BeforeAll
    static void keys() {
        config = MicroBootstrapping.config();
        weights = MicroBootstrapping.weights(config);
        plain = new PlainGpt(config, weights);
        Parameters params = MicroBootstrapping.parameters("bootstrapped refresh");
        CircuitFrame frame = MicroBootstrapping.frame(params);
        assertThat(frame.freshLevel()).isEqualTo(10);
        circuit = new EncryptedGpt(config, weights, frame, Runnable::run, Runnable::run, DiagonalCache.none());
        client = new ZkllmClient(frame, plain, TestRandomness.named("bootstrapped-refresh"));
        bootstrapper = new Bootstrapper(params, SET, client.bootstrappingKeys(SET));
        assertThat(bootstrapper.outputLevel()).isEqualTo(frame.freshLevel());
        var keys = client.evaluationKeys(circuit.rotationSteps());
        // the model's keys serve the levels it runs at, below bootstrapping's: none holds the primes above
        assertThat(keys.relinearization().orElseThrow().maxLevel(params.ring())).isEqualTo(10);
        keys.galois().values().forEach(key -> assertThat(key.maxLevel(params.ring())).isEqualTo(10));
        session = circuit.open(client.keySetId(), keys);
    }

    @Test
    void theMinerBootstrapsTheStateAndOnlyTheDivisionReachesTheClient() {
        Random random = new Random(5);
        List<int[]> prompts = new ArrayList<>();
        for (int length : new int[] {7, 9}) prompts.add(random.ints(length, 0, config.vocab()).toArray());
        Ciphertext state = client.encryptPrompts(prompts);
        assertThat(state.level()).isEqualTo(10);

        client.resetTraffic();
        double[][][] roundTrips = client.decryptLogits(session.logits(client.keySetId(), state, client.segments(), client));
        int clientRounds = client.traffic().rounds();

        client.resetTraffic();
        BootstrapRefresh miner = new BootstrapRefresh(bootstrapper, client);
        double[][][] bootstrapped = client.decryptLogits(session.logits(client.keySetId(), state, client.segments(), miner));
        assertThat(miner.bootstraps()).as("the state refreshes now run on the miner").isPositive();
        assertThat(client.traffic().rounds()).as("only attention's divisions reach the client").isEqualTo(config.layers())
                .isEqualTo(clientRounds - miner.bootstraps());

        double errorWithRoundTrips = 0;
        double errorBootstrapped = 0;
        for (int s = 0; s < prompts.size(); s++) {
            double[][] expected = plain.logits(prompts.get(s));
            for (int p = 0; p < expected.length; p++) {
                for (int v = 0; v < expected[p].length; v++) {
                    errorWithRoundTrips = Math.max(errorWithRoundTrips, Math.abs(expected[p][v] - roundTrips[s][p][v]));
                    errorBootstrapped = Math.max(errorBootstrapped, Math.abs(expected[p][v] - bootstrapped[s][p][v]));
                }
            }
        }
        System.out.printf("max logit error: client refresh %.2e, bootstrapped %.2e%n", errorWithRoundTrips, errorBootstrapped);
        assertThat(errorBootstrapped).isLessThan(0.05);
    }

    /**
     * A model whose attention divisor lies on a known interval: the miner divides too (the divisor bootstrapped, its
     * reciprocal evaluated, bootstrapped again), and the client hears nothing between the prompt and the logits.
     */
    @Test
    void aBoundedModelRunsWithoutAnyClientRoundTrip() {
        ModelConfig bounded = MicroBootstrapping.bounded(config);
        BoundedAttention bounds = bounded.boundedAttention();
        PlainGpt exact = new PlainGpt(bounded, weights);
        CircuitFrame frame = circuit.frame();
        EncryptedGpt boundedCircuit = new EncryptedGpt(bounded, weights, frame, Runnable::run, Runnable::run, DiagonalCache.none());
        ZkllmClient user = new ZkllmClient(frame, exact, TestRandomness.named("bounded-refresh"));
        Bootstrapper userBootstrapper = new Bootstrapper(frame.params(), SET, user.bootstrappingKeys(SET));
        EncryptedGpt.Session miner = boundedCircuit.open(user.keySetId(), user.evaluationKeys(boundedCircuit.rotationSteps()));
        List<int[]> prompts = List.of(new Random(8).ints(8, 0, bounded.vocab()).toArray(), new Random(9).ints(6, 0, bounded.vocab()).toArray());
        double[] divisors = {Double.MAX_VALUE, 0};
        for (int[] prompt : prompts) {
            exact.logits(prompt, (layer, mean) -> {
                divisors[0] = Math.min(divisors[0], bounds.floor() + mean);
                divisors[1] = Math.max(divisors[1], bounds.floor() + mean);
            });
        }
        assertThat(divisors[1]).as("the division changes some attention weights by a third or more").isGreaterThan(1.5);
        Ciphertext state = user.encryptPrompts(prompts);

        user.resetTraffic();
        double[][][] interactive = user.decryptLogits(miner.logits(user.keySetId(), state, user.segments(), user));
        assertThat(user.traffic().rounds()).as("the client divides a bounded model's attention correctly too").isPositive();

        user.resetTraffic();
        EncryptedReciprocal reciprocal = EncryptedReciprocal.forAttention(bounds, 256, 7);
        BootstrapRefresh alone = new BootstrapRefresh(userBootstrapper, bounds, reciprocal);
        double[][][] nonInteractive = user.decryptLogits(miner.logits(user.keySetId(), state, user.segments(), alone));
        assertThat(user.traffic().rounds()).as("client round trips during the pass").isZero();
        assertThat(alone.bootstraps()).as("a division costs two bootstraps per layer").isGreaterThanOrEqualTo(2 * bounded.layers());

        double interactiveError = 0;
        double nonInteractiveError = 0;
        double spread = 0;
        for (int s = 0; s < prompts.size(); s++) {
            double[][] expected = exact.logits(prompts.get(s));
            for (int p = 0; p < expected.length; p++) {
                for (int v = 0; v < expected[p].length; v++) {
                    spread = Math.max(spread, Math.abs(expected[p][v] - expected[p][0]));
                    interactiveError = Math.max(interactiveError, Math.abs(expected[p][v] - interactive[s][p][v]));
                    nonInteractiveError = Math.max(nonInteractiveError, Math.abs(expected[p][v] - nonInteractive[s][p][v]));
                }
            }
        }
        System.out.printf("bounded model, max logit error: client divides %.2e, miner divides %.2e (logits spread over %.2e)%n", interactiveError,
                nonInteractiveError, spread);
        assertThat(interactiveError).isLessThan(0.05);
        assertThat(nonInteractiveError).isLessThan(0.05);
    }

    @Test
    void aReciprocalThatDoesNotFitTheLevelsOrTheModelsIntervalIsRefused() {
        BoundedAttention bounds = new BoundedAttention(1, 64);
        assertThatThrownBy(() -> new BootstrapRefresh(bootstrapper, bounds, EncryptedReciprocal.forAttention(bounds, 256, 8)))
                .hasMessageContaining("the reciprocal needs 10 levels and one to bring it back into range, bootstrapping leaves 10");
        assertThatThrownBy(() -> new BootstrapRefresh(bootstrapper, bounds, new EncryptedReciprocal(2, 256, 7)))
                .hasMessageContaining("does not cover the model's [1.0, 64.0]");
        assertThatThrownBy(() -> new BootstrappedPass(session, bootstrapper)).as("an unbounded model cannot run without round trips")
                .hasMessageContaining("micro-2 divides attention by an unbounded sum");
    }

    @Test
    void aStateWithNoLevelLeftForTheScalingIsRefusedWithTheReason() {
        Ciphertext state = client.encryptPrompts(List.<int[]>of(new int[] {1, 2, 3}));
        Ciphertext exhausted = bootstrapper.evaluator().dropLevel(state, 0);
        assertThatThrownBy(() -> new BootstrapRefresh(bootstrapper, client).state(0, exhausted))
                .hasMessageContaining("dividing it into bootstrapping's range needs one level");
    }
}
