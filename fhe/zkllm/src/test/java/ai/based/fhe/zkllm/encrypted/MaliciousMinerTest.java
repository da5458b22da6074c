package ai.based.fhe.zkllm.encrypted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A malicious miner probes the prompt through the client's round trips: it sends, as attention's denominator, the
 * encrypted prompt minus a constant c, so that the denominator is negative exactly where a prompt value is below c.
 * A client that aborted on a negative denominator would answer the one-bit question "is some value below c?"; 16
 * such probes located a value to 1e-4. The client's replies must look the same whichever way the predicate falls:
 * no exception, the same message sizes, the pass going on; the anomaly is only counted, for after the answer.
 */
class MaliciousMinerTest {
    private static Parameters params;
    private static ZkllmClient client;
    private static Evaluator miner;
    private static Serializer wire;
    private static byte[] prompt;
    private static int vocab;
    private static PlainGpt plain;
    private static int dModel;

    @BeforeAll
    static void client() throws Exception {
        ModelPackage tiny = ModelPackage.bundled("tiny");
        vocab = tiny.config().vocab();
        dModel = tiny.config().dModel();
        params = Parameters.create(EncryptedGpt.PARAMETERS);
        plain = new PlainGpt(tiny.config(), tiny.weights());
        client = new ZkllmClient(params, plain, TestRandomness.named("malicious-miner"));
        miner = new Evaluator(params, new EvaluationKeys(Optional.empty(), Map.of())); // adding constants needs no keys
        wire = new Serializer(params);
        prompt = client.encryptPromptsForWire(List.of(new int[] {5, 6, 7, 8, 9}));
    }

    private static byte[] promptMinus(double c) {
        return wire.write(miner.addConst(wire.readCiphertext(prompt), -c));
    }

    private static byte[] promptTimes(double c) {
        Ciphertext p = wire.readCiphertext(prompt);
        return wire.write(miner.mulConst(p, c, 1)); // an integer factor keeps the scale
    }

    @Test
    void theDenominatorProbeGetsTheSameRepliesWhicheverWayThePredicateFalls() {
        client.resetTraffic();
        ClientRounds.Reply allPositive = client.attention(0, prompt, promptMinus(-1_000), 8);
        long cleanAnomalies = client.anomalies();
        client.resetTraffic();
        ClientRounds.Reply allNegative = client.attention(0, prompt, promptMinus(1_000), 8);
        long probedAnomalies = client.anomalies();

        assertThat(allNegative.numerator()).hasSameSizeAs(allPositive.numerator());
        assertThat(allNegative.reciprocal()).hasSameSizeAs(allPositive.reciprocal());
        assertThat(cleanAnomalies).as("a positive denominator is what an honest miner sends").isZero();
        assertThat(probedAnomalies).as("counted for the judgement after the answer").isPositive();
    }

    @Test
    void noiseJustBelowZeroOnANearZeroDenominatorIsNoAnomaly() {
        // an honest mean of squares near zero comes back a little negative after CKKS noise: the miner is not to blame
        // (its numerator, the values' mean weighted by those squares, is near zero too)
        Ciphertext zero = miner.mulConst(wire.readCiphertext(prompt), 0, 1);
        client.resetTraffic();
        client.attention(0, wire.write(zero), wire.write(miner.addConst(zero, -1e-3)), 8);
        assertThat(client.anomalies()).isZero();
        assertThat(client.checks().smallestDenominator()).as("the honest margin is watched").isCloseTo(-1e-3, within(1e-4));
        client.resetTraffic();
        client.attention(1, wire.write(zero), wire.write(miner.addConst(zero, -0.5)), 8);
        assertThat(client.anomalies()).as("clearly negative is no noise").isPositive();
        assertThat(client.checks().first()).as("the first anomaly names its check, value and layer")
                .isEqualTo("mean denominator out of range at layer 1, position 0");
    }

    @Test
    void aLargeHonestNumeratorOverALargeDenominatorIsNoAnomaly() {
        // held-out prompts reach numerators of 3e4 where the mean denominator is in the thousands: the output is small
        client.resetTraffic();
        client.attention(0, promptTimes(30_000), promptMinus(-10_000), 8);
        assertThat(client.anomalies()).as("output = numerator / denominator is about 3").isZero();
        client.resetTraffic();
        client.attention(2, promptTimes(1e7), promptMinus(-100), 8);
        assertThat(client.anomalies()).as("outputs of 1e4 and more are no honest attention").isPositive();
        assertThat(client.checks().first()).startsWith("attention output out of range at layer 2");
    }

    @Test
    void anOutOfRangeStateIsClampedAndRefreshedAsAnyOther() {
        client.resetTraffic();
        byte[] normal = client.state(0, prompt);
        assertThat(client.anomalies()).isZero();
        client.resetTraffic();
        byte[] huge = client.state(0, promptTimes(1e9));
        assertThat(huge).hasSameSizeAs(normal);
        assertThat(client.anomalies()).isPositive();
        assertThat(client.checks().first()).startsWith("hidden state out of range at layer 0");
    }

    /**
     * Values chosen so that encoding the reply would fail: a denominator of exactly zero at all 64 positions of every
     * lane, whose reciprocals (up to 6.4e7) make the encoder's coefficients overflow 62 bits, and a numerator of 1e9.
     * An exception would end the session on the miner's predicate, so the replies are clamped into what encodes and
     * look as any other.
     */
    @Test
    void repliesThatWouldNotEncodeAreClampedNotThrown() {
        ZkllmClient full = new ZkllmClient(params, plain, TestRandomness.named("encode-bomb"));
        byte[] state = full.encryptPromptsForWire(List.of(java.util.stream.IntStream.range(0, 64).map(i -> 5 + i % 50).toArray()));
        int lanes = params.slots() / 64;
        ClientRounds.Reply honest = full.attention(0, state, wire.write(miner.addConst(wire.readCiphertext(state), 1_000)), lanes);
        Ciphertext zero = miner.mulConst(wire.readCiphertext(state), 0, 1);
        full.resetTraffic();
        ClientRounds.Reply bomb = full.attention(0, wire.write(miner.mulConst(wire.readCiphertext(state), 1e9, 1)), wire.write(zero), lanes);
        assertThat(bomb.numerator()).hasSameSizeAs(honest.numerator());
        assertThat(bomb.reciprocal()).hasSameSizeAs(honest.reciprocal());
        assertThat(full.anomalies()).isPositive();
    }

    /** A miner's logits beyond any honest model's (tens at most) make the token unpaid, as round-trip anomalies do. */
    @Test
    void logitsOutOfRangeAreAnAnomaly() {
        int blocks = vocab / dModel; // the logits travel as dModel vocabulary entries per ciphertext
        client.resetTraffic();
        client.decryptLogitsFromWire(java.util.Collections.nCopies(blocks, prompt));
        assertThat(client.anomalies()).as("the prompt's embeddings are honest-sized").isZero();
        client.resetTraffic();
        client.decryptLogitsFromWire(java.util.Collections.nCopies(blocks, promptTimes(1e6)));
        assertThat(client.anomalies()).isPositive();
        assertThat(client.checks().first()).startsWith("logit out of range at position");
    }
}
