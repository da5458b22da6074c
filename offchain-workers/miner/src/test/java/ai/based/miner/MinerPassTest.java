package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.RemoteSession;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The user's client and a miner across HTTPS: the key set uploads once, a pass runs with its round trips over the
 * session, and the decrypted logits agree with the plaintext model as the in-process pass does.
 */
@Tag("model")
class MinerPassTest {
    private static MinerFixture f;
    private static ZkllmClient user;
    private static EvaluationKeys keys;
    private static PlainGpt plain;

    @BeforeAll
    static void start() throws Exception {
        f = new MinerFixture(new MinerLimits(2, 4L << 30, Duration.ofSeconds(60), Duration.ofSeconds(60)), DiagonalCache.upTo(1L << 30));
        plain = new PlainGpt(f.tiny.config(), f.tiny.weights());
        user = new ZkllmClient(f.circuit.parameters(), plain, TestRandomness.named("miner-pass"));
        List<Integer> rotations = f.client().info().getJsonArray("rotations").stream().map(o -> ((Number) o).intValue()).toList();
        keys = user.evaluationKeys(rotations);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void aPassOverTheNetworkAgreesWithThePlaintextModel() throws Exception {
        MinerClient client = f.client();
        EvaluationKeyFormat format = new EvaluationKeyFormat(f.circuit.parameters());
        long sent = client.uploadKeys(user.keySetId(), keys, format);
        assertThat(sent).isEqualTo(format.size(keys)).isGreaterThan(100_000_000L);
        assertThat(client.uploadKeys(user.keySetId(), keys, format)).as("one upload serves every later query").isZero();

        int[] prompt = f.tiny.tokenizer().encode("In the beginning God created the heaven").stream().mapToInt(Integer::intValue).toArray();
        try (RemoteSession session = client.openSession("0xpayer")) {
            user.resetTraffic();
            byte[] state = user.encryptPromptsForWire(List.of(prompt));
            double[][] logits = user.decryptLogitsFromWire(session.logits(user.keySetId(), state, user.segments(), user))[0];
            double[][] expected = plain.logits(prompt);
            for (int p = 0; p < prompt.length; p++) {
                assertThat(EncryptedGeneration.argmax(logits[p])).as("position " + p).isEqualTo(EncryptedGeneration.argmax(expected[p]));
            }
            assertThat(user.traffic().rounds()).as("the client's round trips crossed the session").isBetween(2, 3);
            assertThat(user.anomalies()).as("an honest miner's values are all in range").isZero();
            assertThat(session.passes()).isEqualTo(1);
        }
        assertThat(f.miner.passesServed()).isEqualTo(1);
    }
}
