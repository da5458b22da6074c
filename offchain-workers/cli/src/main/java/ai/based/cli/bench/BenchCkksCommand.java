package ai.based.cli.bench;

import ai.based.client.InvalidInputException;
import ai.based.cli.BaseCommand;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.compute.ComputeBackends;
import ai.based.fhe.ring.Avx2Backend;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The CKKS library against Microsoft SEAL (WebAssembly build, the peer in bench/peers/seal-wasm) in the same
 * run: single-threaded medians per operation at N = 8192 [60,40,40,60] and N = 16384 [60,40x6,60], scale 2^40,
 * with the ratio Java / SEAL-wasm.
 */
@Command(name = "ckks", mixinStandardHelpOptions = true,
        description = "CKKS operation timings side by side with SEAL (wasm), with ratios; then each compute kernel against"
                + " its scalar twin, with a WARNING line for any kernel slower than scalar.")
public final class BenchCkksCommand extends BaseCommand {
    private static final Map<Integer, ParametersLiteral> SETS = Map.of(8192, ParametersLiteral.N8192, 16384, ParametersLiteral.N16384);
    private static final List<String> OPS = List.of("keygen_secret", "keygen_public", "keygen_relin", "keygen_galois_step1",
            "encode_encrypt_public", "add", "add_new", "multiply_relinearize", "rescale", "multiply_relin_rescale", "rotate_1",
            "decrypt_decode");

    /** Widest max/min ratio of an operation's medians over --repeat runs that still counts as stable. */
    private static final double STABLE_SPREAD = 1.3;
    /** A reference kernel's max/min over the rounds from which a spread counts as the machine's, not the code's. */
    private static final double REFERENCE_MOVED = 1.2;
    /** Untimed passes at most, and the compiling time (ms) in a pass below which the JIT counts as done. */
    private static final int MAX_WARM_UP_PASSES = 4;
    private static final long QUIET_JIT_MILLIS = 50;
    /** 64 first-touched pages (256 KB) per run cost 0.1-0.8 ms on a virtual machine: above what add should take. */
    private static final long PAGE_FAULTS_WORTH_A_WARNING = 64;
    /** Below this share of CPU time to wall time while timed, a figure says more about other processes than the code. */
    private static final double BUSY_MACHINE_CPU_SHARE = 0.9;

    @Mixin
    CkksBackendOption backend;

    @Option(names = "--sizes", split = ",", defaultValue = "8192,16384", description = "ring degrees (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--runs", defaultValue = "30", description = "timed runs per operation, after warm-up (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--repeat", defaultValue = "1",
            description = "times the whole table is measured; above 1, each operation's medians and spread (max/min) are printed")
    int repeat;

    @Option(names = "--no-peer", description = "skip SEAL")
    boolean noPeer;

    @Option(names = "--no-kernel-guard", description = "skip timing each kernel against its scalar twin")
    boolean noKernelGuard;

    @Option(names = "--bootstrap", description = "benchmark bootstrapping instead: key generation, time, precision, peak memory")
    boolean bootstrap;

    @Option(names = "--bootstrap-set", defaultValue = "N16", description = "N16 (N = 2^16, one level left: the benchmark), N16L4 (N = 2^16, four levels left),"
                    + " N16M (N = 2^16, 2^13 slots, ten levels left, grouped digits: the encrypted model's), N16F (N16M's chain, all 2^15"
                    + " slots) or N15 (the tests' set)")
    String bootstrapSet;

    @Option(names = "--bootstrap-runs", defaultValue = "3", description = "bootstraps timed (default: ${DEFAULT-VALUE})")
    int bootstrapRuns;

    @Override
    protected void run() {
        if (bootstrap) {
            if (bootstrapRuns < 1) throw new InvalidInputException("--bootstrap-runs must be at least 1");
            BootstrapParameters set = switch (bootstrapSet) {
                case "N16" -> BootstrapParameters.N16_SPARSE;
                case "N16L4" -> BootstrapParameters.N16_SPARSE_4_LEVELS;
                case "N16M" -> BootstrapParameters.N16_MODEL;
                case "N16F" -> BootstrapParameters.N16_FULL;
                case "N15" -> BootstrapParameters.N15_SPARSE;
                default -> throw new InvalidInputException("--bootstrap-set must be N16, N16L4, N16M, N16F or N15, not " + bootstrapSet);
            };
            out().println(MachineLoad.describe() + ", single thread, kernels: " + ComputeBackends.selected().name());
            BootstrapBench.run(set, bootstrapRuns, out());
            return;
        }
        if (runs < 1 || repeat < 1) throw new InvalidInputException("--runs and --repeat must be at least 1");
        ComputeBackend selected = ComputeBackends.selected();
        out().println(MachineLoad.describe() + ", single thread, kernels: " + selected.name()
                + (selected.name().equals("cpu") ? " (scalar: no jdk.incubator.vector module, no AVX2, or -Dbased.ckks.backend=cpu)" : "")
                + (selected instanceof Avx2Backend avx2 ? " (" + avx2.describe() + ")" : ""));
        SealPeer.Result seal = noPeer ? new SealPeer.Result(Map.of(), java.util.Optional.of("skipped (--no-peer)"))
                : SealPeer.run(sizes, runs);
        seal.problem().ifPresent(problem -> out().println("SEAL peer: " + problem + "; Java figures only"));
        List<String> warnings = new ArrayList<>();
        for (int n : sizes) {
            ParametersLiteral literal = SETS.get(n);
            if (literal == null) throw new InvalidInputException("no benchmark parameter set for N=" + n);
            Parameters params = Parameters.create(literal);
            warmUp(params);
            List<CkksMeasurements> rounds = new ArrayList<>();
            for (int r = 0; r < repeat; r++) rounds.add(CkksMeasurements.run(params, runs));
            JsonNode peer = seal.byN().get(n);
            out().println();
            out().println(params);
            printTable(n, rounds, peer, warnings);
            if (!noKernelGuard) guardKernels(n, params, selected, warnings);
        }
        out().println();
        if (warnings.isEmpty()) {
            out().println("no warnings: " + (repeat > 1 ? "every operation's spread <= " + STABLE_SPREAD + "x, " : "")
                    + (noKernelGuard ? "" : "no kernel slower than scalar, ") + "fewer than " + PAGE_FAULTS_WORTH_A_WARNING
                    + " page faults per timed run, the timed thread on a CPU >= " + (int) (100 * BUSY_MACHINE_CPU_SHARE) + "% of the time");
        }
        warnings.forEach(warning -> out().println("WARNING: " + warning));
    }

    /**
     * Untimed passes before the timed ones. The first: until the JVM has touched every page of the heap it settles
     * on, operations that allocate run up to 50x slower (first touch of fresh memory, measured in issue 17), whatever
     * the JIT does. Then more, until one passes with the JIT quiet: in two of six quiet runs one N=8192 operation ran
     * 1.4-2x slower in its first timed round only, with neither page faults nor a busy CPU to explain it.
     */
    private void warmUp(Parameters params) {
        long compiled = 0;
        int passes = 0;
        while (passes < MAX_WARM_UP_PASSES && (passes == 0 || compiled > QUIET_JIT_MILLIS)) {
            long before = CkksMeasurements.compilationMillis();
            CkksMeasurements.run(params, Math.min(runs, 5));
            compiled = CkksMeasurements.compilationMillis() - before;
            passes++;
        }
        out().printf("warm-up at N=%d: %d untimed pass(es), the JIT compiling %d ms in the last%s%n", params.n(), passes, compiled,
                compiled > QUIET_JIT_MILLIS ? " (still compiling: the first timed round may be slower)" : "");
    }

    private void printTable(int n, List<CkksMeasurements> rounds, JsonNode peer, List<String> warnings) {
        CkksMeasurements first = rounds.getFirst();
        out().printf("  %-24s %11s %11s %9s%s%n", "operation", "java ms", "seal-wasm", "java/seal",
                repeat > 1 ? String.format("   %-" + (9 * repeat) + "s %s", "each run", "spread") : "");
        for (String op : OPS) {
            double[] each = rounds.stream().mapToDouble(r -> r.millis.get(op)).toArray();
            double ms = medianOf(each);
            double sealMs = peer == null ? Double.NaN : peer.path("ms").path(op).asDouble(Double.NaN);
            String spreadColumns = "";
            if (repeat > 1) {
                double spread = Arrays.stream(each).max().orElseThrow() / Arrays.stream(each).min().orElseThrow();
                StringBuilder columns = new StringBuilder("   ");
                for (double value : each) columns.append(String.format("%8.3f ", value));
                spreadColumns = columns.append(String.format("%5.2fx", spread)).toString();
                if (spread > STABLE_SPREAD) {
                    warnings.add(String.format("N=%d %s: spread %.2fx over %d runs (%s ms)%s", n, op, spread, repeat,
                            Arrays.toString(each), jitWhileTimed(rounds, op) + referenceMoved(rounds, op)));
                }
            }
            out().printf("  %-24s %11.3f %11s %9s%s%n", op, ms, Double.isNaN(sealMs) ? "-" : String.format("%.3f", sealMs),
                    Double.isNaN(sealMs) ? "-" : String.format("%.2f", ms / sealMs), spreadColumns);
        }
        double nttMicros = medianOf(rounds.stream().mapToDouble(r -> r.nttMicros).toArray());
        double sealNtt = peer == null ? Double.NaN : peer.path("ntt_us_per_poly_prime").path("fwd").asDouble(Double.NaN);
        out().printf("  %-24s %11.1f %11s %9s   (µs per polynomial and prime)%n", "ntt_forward", nttMicros,
                Double.isNaN(sealNtt) ? "-" : String.format("%.1f", sealNtt),
                Double.isNaN(sealNtt) ? "-" : String.format("%.2f", nttMicros / sealNtt));
        first.parallelMillis.forEach((op, ms) -> out().printf("  %-24s %11.3f   (limb-parallel, %d threads)%n", op, ms,
                Runtime.getRuntime().availableProcessors()));
        out().printf("  product max abs error    %.3g (SEAL %s); fresh ciphertext %,d bytes raw (SEAL %s uncompressed)%n",
                first.productMaxError, peer == null ? "-" : String.format("%.3g", peer.path("err").path("mul_max_abs").asDouble()),
                first.ciphertextBytes, peer == null ? "-" : String.format("%,d", peer.path("bytes").path("fresh_ciphertext_uncompressed").asLong()));
        for (int r = 0; r < rounds.size(); r++) {
            int run = r + 1;
            rounds.get(r).cpuShare.forEach((op, share) -> {
                if (share < BUSY_MACHINE_CPU_SHARE) {
                    warnings.add(String.format("N=%d %s%s: in the median run its thread had a CPU only %.0f%% of the time; the"
                            + " machine was busy, the figure measures the load", n, op, repeat > 1 ? " (run " + run + ")" : "", 100 * share));
                }
            });
            rounds.get(r).pageFaultsPerRun.forEach((op, faults) -> {
                if (faults >= PAGE_FAULTS_WORTH_A_WARNING) {
                    warnings.add(String.format("N=%d %s%s: %d page faults per run while timed; the figure includes the first"
                            + " touch of %.1f MB of fresh heap memory per run", n, op, repeat > 1 ? " (run " + run + ")" : "",
                            faults, faults * 4096 / 1e6));
                }
            });
        }
    }

    /**
     * The reference kernel timed right after {@code op} in each round, for a spread's warning: when it moved as much,
     * the machine's speed moved, not the operation's code.
     */
    static String referenceMoved(List<CkksMeasurements> rounds, String op) {
        double[] micros = rounds.stream().mapToDouble(r -> r.referenceMicros.getOrDefault(op, Double.NaN)).toArray();
        if (Arrays.stream(micros).anyMatch(Double::isNaN)) return "";
        double spread = Arrays.stream(micros).max().orElseThrow() / Arrays.stream(micros).min().orElseThrow();
        StringBuilder each = new StringBuilder();
        for (double value : micros) each.append(each.isEmpty() ? "" : " / ").append(String.format("%.1f", value));
        return String.format("; a reference NTT right after it: %s µs (%.2fx)%s", each, spread,
                spread >= REFERENCE_MOVED ? ", the machine's vector speed moved with it" : "");
    }

    /** Where the JIT compiled while {@code op} was timed, the rounds and milliseconds, for a spread's warning. */
    private static String jitWhileTimed(List<CkksMeasurements> rounds, String op) {
        StringBuilder compiled = new StringBuilder();
        for (int r = 0; r < rounds.size(); r++) {
            Long ms = rounds.get(r).jitMillisWhileTimed.get(op);
            if (ms != null) compiled.append(compiled.isEmpty() ? "" : ", ").append("run ").append(r + 1).append(": ").append(ms).append(" ms");
        }
        return compiled.isEmpty() ? "; the JIT compiled nothing while it was timed" : "; the JIT compiled while it was timed (" + compiled + ")";
    }

    /** Each kernel of the selected backend against the scalar one, on rows of the first prime. */
    private void guardKernels(int n, Parameters params, ComputeBackend selected, List<String> warnings) {
        if (selected.name().equals("cpu")) {
            out().println("  kernel guard: the scalar kernels are selected, nothing to compare");
            return;
        }
        out().printf("  %-24s %11s %11s %9s   (µs per row of %d, prime 0)%n", "kernel", selected.name(), "cpu", "ratio", n);
        for (KernelGuard.Timing timing : KernelGuard.run(params.ring(), selected)) {
            out().printf("  %-24s %11.2f %11.2f %9.2f%n", timing.kernel(), timing.selectedMicros(), timing.scalarMicros(),
                    timing.selectedMicros() / timing.scalarMicros());
            if (timing.slowerThanScalar()) {
                warnings.add(String.format("N=%d kernel %s of %s is slower than the scalar one (%.2f vs %.2f µs)", n, timing.kernel(),
                        selected.name(), timing.selectedMicros(), timing.scalarMicros()));
            }
        }
    }

    private static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
