package ai.based.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How SealPeer finds and reads the peer script. The scripts here are small stand-ins run by a real bash (what is
 * tested is the contract with SealPeer: location, environment, exit codes, the last JSON line), not SEAL itself,
 * which `based bench ckks` runs through bench/peers/seal-wasm/run.sh.
 */
class SealPeerTest {
    @TempDir
    Path repo;

    @Test
    void aMissingScriptIsReportedWithItsExpectedPlace() {
        SealPeer.Result result = SealPeer.run(repo, List.of(8192), 5);

        assertThat(result.byN()).isEmpty();
        assertThat(result.problem()).get().asString()
                .contains("bench/peers/seal-wasm/run.sh not found under " + repo.toAbsolutePath()).contains("-Dbased.repo");
    }

    @Test
    void theScriptsReasonForFailingIsShown() throws IOException {
        script("""
                echo "installing" >&2
                echo "seal-wasm peer: npm not found on PATH" >&2
                exit 3
                """);

        SealPeer.Result result = SealPeer.run(repo, List.of(8192), 5);

        assertThat(result.byN()).isEmpty();
        assertThat(result.problem()).get().asString().contains("code 3: seal-wasm peer: npm not found on PATH");
    }

    @Test
    void theLastJsonLineIsReadPerRingDegreeWithTheRequestedSizesAndRuns() throws IOException {
        script("""
                echo "progress" >&2
                echo 'JSON {"results":[]}'
                results=""
                for n in ${SIZES//,/ }; do
                  results="$results${results:+,}{\\"N\\":$n,\\"ms\\":{\\"add\\":$RUNS.5},\\"keygen_runs\\":$KEYGEN_RUNS,\\"skip\\":$SKIP_FULL_GALOIS}"
                done
                echo "JSON {\\"results\\":[$results]}"
                """);

        SealPeer.Result result = SealPeer.run(repo, List.of(8192, 16384), 7);

        assertThat(result.problem()).isEmpty();
        assertThat(result.byN()).containsOnlyKeys(8192, 16384);
        assertThat(result.byN().get(16384).path("ms").path("add").asDouble()).isEqualTo(7.5);
        assertThat(result.byN().get(8192).path("keygen_runs").asInt()).as("at least 5 key generations").isEqualTo(5);
        assertThat(result.byN().get(8192).path("skip").asInt()).isEqualTo(1);
    }

    @Test
    void aScriptWithoutJsonIsAProblemNotAnEmptyResult() throws IOException {
        script("echo 'no json here'\n");

        assertThat(SealPeer.run(repo, List.of(8192), 5).problem()).get().asString().contains("no JSON line");
    }

    private void script(String body) throws IOException {
        Path script = repo.resolve(SealPeer.SCRIPT);
        Files.createDirectories(script.getParent());
        Files.writeString(script, "set -eu\n" + body);
    }
}
