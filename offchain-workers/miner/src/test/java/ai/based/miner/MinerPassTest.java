package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.RemoteSession;
import ai.based.miner.remote.MinerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        f = new MinerFixture(new MinerLimits(1, 2L << 30, Duration.ofSeconds(60), Duration.ofSeconds(60)), DiagonalCache.upTo(1L << 30));
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
        if (sent > 0) assertThat(sent).isEqualTo(format.size(keys)).isGreaterThan(100_000_000L);
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
    }

    /**
     * Twice as many clients as the miner's session limit, twice over: the extra client is told to retry (503 with
     * Retry-After) and is served in turn, every answer is right, and the second round leaves the heap where the first
     * did: sessions hold no more than their client's keys, which stay one set in the store.
     */
    @Test
    void twiceTheSessionLimitIsServedInTurnWithoutGrowingTheHeap() throws Exception {
        f.client().uploadKeys(user.keySetId(), keys, new EvaluationKeyFormat(f.circuit.parameters()));
        int[] prompt = f.tiny.tokenizer().encode("And God said").stream().mapToInt(Integer::intValue).toArray();
        int expected = EncryptedGeneration.argmax(plain.logits(prompt)[prompt.length - 1]);
        long busyBefore = f.miner.metrics().getLong("refusedBusy");
        assertThat(round(prompt)).containsOnly(expected);
        long afterFirst = heapAfterGc();
        assertThat(round(prompt)).containsOnly(expected);
        long afterSecond = heapAfterGc();
        assertThat(f.miner.metrics().getLong("refusedBusy") - busyBefore).as("the extra client was told to retry").isPositive();
        assertThat(afterSecond - afterFirst).as("heap growth between rounds, bytes").isLessThan(256L << 20);
    }

    /** Two clients of the key set at once against a one-session miner; the next tokens they decoded. */
    private static List<Integer> round(int[] prompt) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> tokens = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ZkllmClient twin = user.concurrentTwin();
                tokens.add(clients.submit(() -> nextTokenRetryingWhenBusy(twin, prompt)));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> token : tokens) out.add(token.get(10, TimeUnit.MINUTES));
            return out;
        } finally {
            clients.shutdownNow();
        }
    }

    private static int nextTokenRetryingWhenBusy(ZkllmClient client, int[] prompt) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (RemoteSession session = f.client().openSession("0xpayer")) {
                byte[] state = client.encryptPromptsForWire(List.of(prompt));
                double[][] logits = client.decryptLogitsFromWire(session.logits(client.keySetId(), state, client.segments(), client))[0];
                return EncryptedGeneration.argmax(logits[prompt.length - 1]);
            } catch (MinerException e) {
                if (e.status() != 503 || attempt > 60) throw e;
                Thread.sleep(e.retryAfter().orElseThrow().toMillis());
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
