package ai.based.cli.bench;

import ai.based.cli.BaseCommand;
import ai.based.cli.WorkerProcess;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.PassEvaluator;
import ai.based.fhe.zkllm.encrypted.WirePass;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.text.Corpus;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.RemoteSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The miner service measured as users meet it: a miner process of its own (offline, the bundled tiny model) over
 * loopback HTTPS against the same pass in this process, the key set's upload, and throughput and latency with several
 * clients at once. Concurrent clients share one key set ({@link ZkllmClient#concurrentTwin}), as one user's parallel
 * queries do, so the miner holds one set and the figures measure evaluation, not memory for keys.
 */
@Command(name = "miner", description = "A miner process over loopback HTTPS: per-token latency against in-process (overhead), key-set upload "
        + "time and bytes, tokens/s and p50/p99 latency with 1, 2, 4 and 8 concurrent clients, the miner's peak RSS.")
public final class BenchMinerCommand extends BaseCommand {
    private static final Pattern SERVING = Pattern.compile("at (https://\\S+), certificate sha256 ([0-9a-f]{64})");

    @Option(names = "--clients", split = ",", defaultValue = "1,2,4,8", description = "concurrent clients per step (default: ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Option(names = "--passes", defaultValue = "3", description = "timed tokens of the single-client comparison, after one warm-up (default: ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--prompt-tokens", defaultValue = "16", description = "prompt length of every token (default: ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--miner-heap", defaultValue = "8g", description = "the miner process's -Xmx (default: ${DEFAULT-VALUE})")
    String minerHeap;

    @Override
    protected void run() throws Exception {
        out().println(MachineLoad.describe());
        ModelPackage tiny = ModelPackage.bundled("tiny");
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        int[] prompt = tiny.tokenizer().encode(String.join(" ", Corpus.kjv().heldOut().subList(0, 4))).stream()
                .mapToInt(Integer::intValue).limit(promptTokens).toArray();
        ZkllmClient user = new ZkllmClient(params, new PlainGpt(tiny.config(), tiny.weights()), Sampler.secure());
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        int maxClients = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
        Path home = Files.createTempDirectory("based-bench-miner-");
        try (WorkerProcess miner = WorkerProcess.start(List.of("-Xmx" + minerHeap), List.of("miner", "start", "--offline", "--model", "tiny",
                "--max-sessions", Integer.toString(maxClients), "--home", home.toString()), home.resolve("miner.log"), SERVING, Duration.ofMinutes(5))) {
            EncryptedGpt circuit = new EncryptedGpt(tiny.config(), tiny.weights(), params, pool, pool, DiagonalCache.upTo(2L << 30));
            EvaluationKeys keys = user.evaluationKeys(circuit.rotationSteps());
            MinerClient client = new MinerClient(URI.create(miner.ready(1)), HexFormat.of().parseHex(miner.ready(2)), Duration.ofMinutes(10));
            long u0 = System.nanoTime();
            long bytes = client.uploadKeys(user.keySetId(), keys, new EvaluationKeyFormat(params));
            double upload = (System.nanoTime() - u0) / 1e9;
            // in-process and over HTTPS alternate token by token, so that the machine's load weighs on both alike
            WirePass inProcess = new WirePass(circuit.open(user.keySetId(), keys));
            double[] local = new double[passes + 1];
            double[] remote = new double[passes + 1];
            try (RemoteSession session = client.openSession("")) {
                for (int i = 0; i <= passes; i++) {
                    local[i] = tokens(user, inProcess, prompt, 1)[0];
                    remote[i] = tokens(user, session, prompt, 1)[0];
                }
            }
            circuit = null;
            inProcess = null;
            System.gc(); // the in-process miner's diagonals go before the concurrent clients
            double localMedian = median(Arrays.copyOfRange(local, 1, local.length));
            double remoteMedian = median(Arrays.copyOfRange(remote, 1, remote.length));
            out().printf("one client, %d-token prompt, median of %d tokens after a warm-up, alternating: in-process %.2f s, over HTTPS %.2f s "
                    + "(overhead %+.1f%%)%n", prompt.length, passes, localMedian, remoteMedian, 100 * (remoteMedian / localMedian - 1));
            out().printf("  per token in-process %s s; over HTTPS %s s%n", seconds(local), seconds(remote));
            out().printf("key set upload: %,d bytes in %.2f s (%.0f MB/s), parsed and checked by the miner%n", bytes, upload, bytes / 1e6 / upload);
            for (int c : clients) concurrent(client, user, prompt, c);
            out().printf("miner peak RSS %,d MB (VmHWM, -Xmx%s)%n", peakRssKb(miner.pid()) >> 10, minerHeap);
            out().println(MachineLoad.describe());
        } finally {
            pool.shutdownNow();
        }
    }

    private void concurrent(MinerClient client, ZkllmClient user, int[] prompt, int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                ZkllmClient twin = user.concurrentTwin();
                results.add(threads.submit(() -> {
                    try (RemoteSession session = client.openSession("")) {
                        return tokens(twin, session, prompt, 1);
                    }
                }));
            }
            double[] latencies = new double[count];
            for (int i = 0; i < count; i++) latencies[i] = results.get(i).get()[0];
            double wall = (System.nanoTime() - t0) / 1e9;
            Arrays.sort(latencies);
            out().printf("%d concurrent clients: %.3f tokens/s, latency p50 %.1f s, p99 %.1f s (of %d tokens; p99 is the slowest)%n", count,
                    count / wall, percentile(latencies, 0.50), percentile(latencies, 0.99), count);
            out().flush();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Seconds of each whole token (encrypt, pass with round trips, decrypt), one after another. */
    private static double[] tokens(ZkllmClient client, PassEvaluator miner, int[] prompt, int count) throws Exception {
        double[] seconds = new double[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            byte[] state = client.encryptPromptsForWire(List.of(prompt));
            client.decryptLogitsFromWire(miner.logits(client.keySetId(), state, client.segments(), client));
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        return seconds;
    }

    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux: reported as 0
        }
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.5);
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String seconds(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) out.append(out.isEmpty() ? "" : ", ").append(String.format("%.2f", v));
        return out.toString();
    }
}
