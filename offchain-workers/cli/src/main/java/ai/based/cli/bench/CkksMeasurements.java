package ai.based.cli.bench;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.PublicKey;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Single-threaded medians of the CKKS operations, named as the SEAL peer names them. */
final class CkksMeasurements {
    /** Warm-up per operation: until C2 has compiled the kernels (the vector ones run interpreted until then). */
    private static final int WARMUP_RUNS = 20;
    private static final long WARMUP_NANOS = 1_000_000_000L;
    /** Runs of the reference kernel after each operation: well under a millisecond in all. */
    private static final int REFERENCE_RUNS = 15;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final Map<String, Double> millis = new LinkedHashMap<>();
    /** Minor page faults per timed run of an operation, where there were any: first-touched memory is slow. */
    final Map<String, Long> pageFaultsPerRun = new LinkedHashMap<>();
    /** The median over an operation's timed runs of the share of wall time its thread was on a CPU (1 when idle). */
    final Map<String, Double> cpuShare = new LinkedHashMap<>();
    /** Milliseconds the JIT spent compiling while an operation was timed, where it spent any: a cause of a slow run. */
    final Map<String, Long> jitMillisWhileTimed = new LinkedHashMap<>();
    /**
     * Per operation, a reference kernel's median in µs, timed right after the operation (a forward NTT of one fixed row):
     * when an operation is slower in one round, this says whether the machine's vector speed moved with it. On this
     * project's 2-core VMs it does, in phases of 10-60 s, while a latency-bound scalar loop barely moves (contention for
     * the core's vector units from outside the VM, docs/benchmarks.md), so such a spread is the host's, not the code's.
     */
    final Map<String, Double> referenceMicros = new LinkedHashMap<>();
    /** The reference kernel: fixed for the whole run. */
    private Runnable reference = () -> {};
    /** The same operations with per-limb work on one thread per core (not comparable with the SEAL column). */
    final Map<String, Double> parallelMillis = new LinkedHashMap<>();
    double nttMicros;
    double productMaxError;
    long ciphertextBytes;

    static CkksMeasurements run(Parameters params, int runs) {
        CkksMeasurements r = new CkksMeasurements();
        Sampler random = Sampler.secure();
        long[] referenceRow = new long[params.n()];
        random.uniform(referenceRow, params.ring().modulus(0));
        r.reference = () -> params.ring().forward(0, referenceRow);
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        r.time("keygen_secret", runs, keygen::secretKey);
        SecretKey sk = keygen.secretKey();
        r.time("keygen_public", runs, () -> keygen.publicKey(sk));
        r.time("keygen_relin", runs, () -> keygen.relinearizationKey(sk));
        long g1 = Galois.rotationElement(1, params.logN());
        r.time("keygen_galois_step1", runs, () -> keygen.galoisKey(sk, g1));
        PublicKey pk = keygen.publicKey(sk);
        SwitchingKey rlk = keygen.relinearizationKey(sk);
        Evaluator evaluator = new Evaluator(params, new EvaluationKeys(Optional.of(rlk), Map.of(g1, keygen.galoisKey(sk, g1))));
        Encoder encoder = new Encoder(params);
        Encryptor encryptor = new Encryptor(params.ring(), random);
        Decryptor decryptor = new Decryptor(params.ring(), sk);
        double[] x = values(params.slots(), 1);
        double[] y = values(params.slots(), 2);
        int top = params.maxLevel();
        double scale = params.defaultScale();
        r.time("encode_encrypt_public", runs, () -> encryptor.encrypt(encoder.encode(x, top, scale), pk));
        Ciphertext cx = encryptor.encrypt(encoder.encode(x, top, scale), pk);
        Ciphertext cy = encryptor.encrypt(encoder.encode(y, top, scale), pk);
        // as the SEAL peer does (add(a, b, destination)); add_new pays for a fresh result's memory as well
        Ciphertext sum = evaluator.add(cx, cy);
        r.time("add", runs, () -> {
            evaluator.add(cx, cy, sum);
            return sum;
        });
        r.time("add_new", runs, () -> evaluator.add(cx, cy));
        r.time("multiply_relinearize", runs, () -> onHost(evaluator.mulRelin(cx, cy)));
        Ciphertext product = evaluator.mulRelin(cx, cy);
        r.time("rescale", runs, () -> onHost(evaluator.rescale(product)));
        r.time("multiply_relin_rescale", runs, () -> evaluator.mulRelinRescale(cx, cy));
        r.time("rotate_1", runs, () -> onHost(evaluator.rotate(cx, 1)));
        r.time("decrypt_decode", runs, () -> encoder.decode(decryptor.decrypt(cx)));
        var pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            Evaluator parallel = evaluator.withLimbParallelism(LimbParallelism.on(pool));
            r.parallelMillis.put("multiply_relinearize", median(runs, () -> parallel.mulRelin(cx, cy)));
            r.parallelMillis.put("rotate_1", median(runs, () -> onHost(parallel.rotate(cx, 1))));
        } finally {
            pool.shutdownNow();
        }

        long[] row = new long[params.n()];
        random.uniform(row, params.ring().modulus(0));
        r.nttMicros = 1000 * median(runs * 10, () -> {
            params.ring().forward(0, row);
            return row;
        });
        double[] decoded = encoder.decode(decryptor.decrypt(evaluator.rescale(product)));
        double max = 0;
        for (int i = 0; i < x.length; i++) max = Math.max(max, Math.abs(decoded[i] - x[i] * y[i]));
        r.productMaxError = max;
        r.ciphertextBytes = 2L * (top + 1) * params.n() * Long.BYTES;
        return r;
    }

    private void time(String name, int runs, Supplier<?> operation) {
        warmUp(operation);
        long faults = PageFaults.minor();
        long jit = compilationMillis();
        double[] shares = new double[runs];
        millis.put(name, sampledMedian(runs, operation, shares));
        long compiled = compilationMillis() - jit;
        if (jit >= 0 && compiled > 0) jitMillisWhileTimed.put(name, compiled);
        Arrays.sort(shares);
        cpuShare.put(name, shares[runs / 2]);
        long perRun = faults < 0 ? 0 : (PageFaults.minor() - faults) / runs;
        if (perRun > 0) pageFaultsPerRun.put(name, perRun);
        referenceMicros.put(name, 1000 * sampledMedian(REFERENCE_RUNS, () -> {
            reference.run();
            return null;
        }, new double[REFERENCE_RUNS]));
    }

    /** Milliseconds the JIT's compiler threads have spent compiling in this JVM, or -1 where it does not say. */
    static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static double median(int runs, Supplier<?> operation) {
        warmUp(operation);
        return sampledMedian(runs, operation, new double[runs]);
    }

    private static void warmUp(Supplier<?> operation) {
        long start = System.nanoTime();
        for (int i = 0; i < WARMUP_RUNS || System.nanoTime() - start < WARMUP_NANOS; i++) operation.get();
    }

    /** The median of {@code runs} timings; {@code cpuShares} receives each run's thread CPU time over its wall time. */
    private static double sampledMedian(int runs, Supplier<?> operation, double[] cpuShares) {
        double[] samples = new double[runs];
        for (int i = 0; i < runs; i++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            operation.get();
            long wall = System.nanoTime() - t0;
            cpuShares[i] = Math.min(1, (THREADS.getCurrentThreadCpuTime() - cpu) / (double) wall);
            samples[i] = wall / 1e6;
        }
        Arrays.sort(samples);
        return samples[runs / 2];
    }

    /**
     * {@code c} with its rows on the host: with a ciphertext accelerator (a GPU) the evaluator's operations return as
     * soon as their work is queued, so a timing that stopped there would not include the work.
     */
    private static Ciphertext onHost(Ciphertext c) {
        c.readPoly(0);
        return c;
    }

    private static double[] values(int count, long seed) {
        Random random = new Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) values[i] = random.nextDouble() * 2 - 1;
        return values;
    }
}
