package ai.based.cli.bench;

import ai.based.cli.BaseCommand;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.compute.ComputeBackends;
import com.fasterxml.jackson.databind.JsonNode;
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
@Command(name = "ckks", description = "CKKS operation timings side by side with SEAL (wasm), with ratios.")
public final class BenchCkksCommand extends BaseCommand {
    private static final Map<Integer, ParametersLiteral> SETS = Map.of(8192, ParametersLiteral.N8192, 16384, ParametersLiteral.N16384);
    private static final List<String> OPS = List.of("keygen_secret", "keygen_public", "keygen_relin", "keygen_galois_step1",
            "encode_encrypt_public", "add", "multiply_relinearize", "rescale", "rotate_1", "decrypt_decode");

    @Mixin
    CkksBackendOption backend;

    @Option(names = "--sizes", split = ",", defaultValue = "8192,16384")
    List<Integer> sizes;

    @Option(names = "--runs", defaultValue = "30")
    int runs;

    @Option(names = "--no-peer", description = "skip SEAL")
    boolean noPeer;

    @Override
    protected void run() {
        out().println(MachineLoad.describe() + ", single thread, kernels: " + ComputeBackends.selected().name()
                + (ComputeBackends.selected().name().equals("cpu") ? " (scalar: no jdk.incubator.vector module, no AVX-512, or -Dbased.ckks.backend=cpu)" : ""));
        SealPeer.Result seal = noPeer ? new SealPeer.Result(Map.of(), java.util.Optional.of("skipped (--no-peer)"))
                : SealPeer.run(sizes, runs);
        seal.problem().ifPresent(problem -> out().println("SEAL peer: " + problem + "; Java figures only"));
        for (int n : sizes) {
            ParametersLiteral literal = SETS.get(n);
            if (literal == null) throw new IllegalArgumentException("no benchmark parameter set for N=" + n);
            Parameters params = Parameters.create(literal);
            CkksMeasurements java = CkksMeasurements.run(params, runs);
            JsonNode peer = seal.byN().get(n);
            out().println();
            out().println(params);
            out().printf("  %-24s %11s %11s %9s%n", "operation", "java ms", "seal-wasm", "java/seal");
            for (String op : OPS) {
                double ms = java.millis.get(op);
                double sealMs = peer == null ? Double.NaN : peer.path("ms").path(op).asDouble(Double.NaN);
                out().printf("  %-24s %11.3f %11s %9s%n", op, ms, Double.isNaN(sealMs) ? "-" : String.format("%.3f", sealMs),
                        Double.isNaN(sealMs) ? "-" : String.format("%.2f", ms / sealMs));
            }
            double sealNtt = peer == null ? Double.NaN : peer.path("ntt_us_per_poly_prime").path("fwd").asDouble(Double.NaN);
            out().printf("  %-24s %11.1f %11s %9s   (µs per polynomial and prime)%n", "ntt_forward", java.nttMicros,
                    Double.isNaN(sealNtt) ? "-" : String.format("%.1f", sealNtt),
                    Double.isNaN(sealNtt) ? "-" : String.format("%.2f", java.nttMicros / sealNtt));
            java.parallelMillis.forEach((op, ms) -> out().printf("  %-24s %11.3f   (limb-parallel, %d threads)%n", op, ms,
                    Runtime.getRuntime().availableProcessors()));
            out().printf("  product max abs error    %.3g (SEAL %s); fresh ciphertext %,d bytes raw (SEAL %s uncompressed)%n",
                    java.productMaxError, peer == null ? "-" : String.format("%.3g", peer.path("err").path("mul_max_abs").asDouble()),
                    java.ciphertextBytes, peer == null ? "-" : String.format("%,d", peer.path("bytes").path("fresh_ciphertext_uncompressed").asLong()));
        }
    }
}
