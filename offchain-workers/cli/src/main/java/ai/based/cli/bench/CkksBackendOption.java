package ai.based.cli.bench;

import ai.based.client.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * {@code --backend gpu|cpu|cpu-avx2|cpu-scalar}: which compute backend fhe/ckks selects in this process, by setting
 * {@code based.ckks.backend} before the library first picks one. "cpu" keeps the AVX-512 kernels where the
 * hardware has them and turns the GPU off; "cpu-avx2" the four-lane kernels (on an AVX-512 CPU they then run with
 * AVX-512's instructions unless the JVM also has -XX:UseAVX=2); without the option the library picks (the GPU when a
 * device answers).
 */
final class CkksBackendOption {
    static final String PROPERTY = "based.ckks.backend";

    @Option(names = "--backend", description = "gpu, cpu (AVX-512 where present), cpu-avx2 or cpu-scalar; default: the library's choice")
    void backend(String choice) {
        String property = switch (choice) {
            case "gpu" -> "gpu";
            case "cpu" -> "cpu-avx512";
            case "cpu-avx2" -> "cpu-avx2";
            case "cpu-scalar" -> "cpu";
            default -> throw new InvalidInputException("--backend takes gpu, cpu, cpu-avx2 or cpu-scalar, got " + choice);
        };
        System.setProperty(PROPERTY, property);
    }
}
