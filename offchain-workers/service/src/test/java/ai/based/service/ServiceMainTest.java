package ai.based.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceMainTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheServiceGracefully() throws Exception {
        Path marker = dir.resolve("marker");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SigtermProbe.class.getName(),
                marker.toString()).redirectErrorStream(true).start();
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals("running")) {
                // the JVM's own warnings, if any
            }
            assertThat(line).as("the probe started").isEqualTo("running");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the probe exits on SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(marker).as("the shutdown hook stopped the service and closed its worker").exists();
        assertThat(Files.readString(marker)).isEqualTo("closed after a graceful stop");
    }
}
