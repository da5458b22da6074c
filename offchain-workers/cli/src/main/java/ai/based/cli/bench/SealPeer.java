package ai.based.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Microsoft SEAL (node-seal, WebAssembly) through the repository's bench/peers/seal-wasm/run.sh and reads its
 * last JSON line. The script installs its pinned npm packages on first use, so it needs npm (and Node) on the PATH.
 */
final class SealPeer {
    static final String SCRIPT = "bench/peers/seal-wasm/run.sh";
    private static final long TIMEOUT_MINUTES = 15;

    /** SEAL's results per N, or why there are none. */
    record Result(Map<Integer, JsonNode> byN, Optional<String> problem) {}

    /** Runs the peer of the repository at -Dbased.repo (default: the working directory). */
    static Result run(List<Integer> sizes, int runs) {
        return run(Path.of(System.getProperty("based.repo", ".")), sizes, runs);
    }

    static Result run(Path repoRoot, List<Integer> sizes, int runs) {
        Path repo = repoRoot.toAbsolutePath().normalize();
        Path script = repo.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            return new Result(Map.of(), Optional.of(SCRIPT + " not found under " + repo
                    + " (run from the repository root or set -Dbased.repo to it)"));
        }
        try {
            Path log = Files.createTempFile("seal-peer", ".log");
            Path stdout = Files.createTempFile("seal-peer", ".out");
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                    .redirectError(log.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().put("SIZES", String.join(",", sizes.stream().map(String::valueOf).toList()));
            builder.environment().put("RUNS", Integer.toString(runs));
            builder.environment().put("KEYGEN_RUNS", Integer.toString(Math.max(5, runs / 2)));
            builder.environment().put("SKIP_FULL_GALOIS", "1");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(Map.of(), Optional.of("peer timed out after " + TIMEOUT_MINUTES + " minutes; see " + log));
            }
            if (process.exitValue() != 0) {
                return new Result(Map.of(), Optional.of("peer exited with code " + process.exitValue() + lastLine(log) + "; see " + log));
            }
            String output = Files.readString(stdout, StandardCharsets.UTF_8);
            Files.deleteIfExists(stdout);
            String json = output.lines().filter(l -> l.startsWith("JSON ")).reduce((a, b) -> b).orElse(null);
            if (json == null) return new Result(Map.of(), Optional.of("peer printed no JSON line; see " + log));
            Map<Integer, JsonNode> byN = new HashMap<>();
            for (JsonNode result : new ObjectMapper().readTree(json.substring(5)).path("results")) {
                byN.put(result.path("N").asInt(), result);
            }
            return new Result(byN, Optional.empty());
        } catch (IOException e) {
            return new Result(Map.of(), Optional.of("cannot run the peer: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Map.of(), Optional.of("interrupted"));
        }
    }

    /** The script's last stderr line (its reason, e.g. that npm is missing), as ": line", or "" when it printed none. */
    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) return ": " + lines.get(i).strip();
        }
        return "";
    }
}
