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

/** Runs Microsoft SEAL (node-seal, WebAssembly) through ../shared/peers/node-seal/run.sh and reads its JSON line. */
final class SealPeer {
    private static final long TIMEOUT_MINUTES = 15;

    /** SEAL's results per N, or why there are none. */
    record Result(Map<Integer, JsonNode> byN, Optional<String> problem) {}

    static Result run(List<Integer> sizes, int runs) {
        Path script = locate();
        if (script == null) return new Result(Map.of(), Optional.of("peer script ../shared/peers/node-seal/run.sh not found"));
        try {
            Path log = Files.createTempFile("seal-peer", ".log");
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                    .redirectError(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().put("SIZES", String.join(",", sizes.stream().map(String::valueOf).toList()));
            builder.environment().put("RUNS", Integer.toString(runs));
            builder.environment().put("KEYGEN_RUNS", Integer.toString(Math.max(5, runs / 2)));
            builder.environment().put("SKIP_FULL_GALOIS", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
                return new Result(Map.of(), Optional.of("peer exited with " + (process.isAlive() ? "a timeout" : "code " + process.exitValue())
                        + "; see " + log));
            }
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

    private static Path locate() {
        String repo = System.getProperty("based.repo", ".");
        Path script = Path.of(repo).toAbsolutePath().resolve("../shared/peers/node-seal/run.sh").normalize();
        return Files.isRegularFile(script) ? script : null;
    }
}
