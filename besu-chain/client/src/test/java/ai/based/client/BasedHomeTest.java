package ai.based.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the per-user data lives: BASED_HOME when set, else ~/.based; every folder sits under that one root. */
class BasedHomeTest {

    /** Run in a child JVM, whose environment the test controls. */
    public static final class PrintRoot {
        public static void main(String[] args) {
            System.out.print(BasedHome.fromEnvironment().root());
        }
    }

    private static String rootInChildJvm(String basedHome, String userHome) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Duser.home=" + userHome, PrintRoot.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("BASED_HOME");
        if (basedHome != null) builder.environment().put("BASED_HOME", basedHome);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void eachKindOfDataHasItsFolderUnderTheRoot() {
        BasedHome home = new BasedHome(Path.of("/tmp/someone/.based"));
        assertThat(home.wallets()).isEqualTo(Path.of("/tmp/someone/.based/wallets"));
        assertThat(home.deployments()).isEqualTo(Path.of("/tmp/someone/.based/deployment"));
        assertThat(home.networks()).isEqualTo(Path.of("/tmp/someone/.based/networks"));
        assertThat(home.devnet()).isEqualTo(Path.of("/tmp/someone/.based/devnet"));
        assertThat(Set.of(home.wallets(), home.deployments(), home.networks(), home.devnet())).hasSize(4);
    }

    @Test
    void basedHomeFromTheEnvironmentWins() throws Exception {
        assertThat(rootInChildJvm("/tmp/custom-based", "/tmp/someone")).isEqualTo("/tmp/custom-based");
    }

    @Test
    void withoutBasedHomeTheRootIsDotBasedInTheUserHome() throws Exception {
        assertThat(rootInChildJvm(null, "/tmp/someone")).isEqualTo("/tmp/someone/.based");
    }

    @Test
    void aBlankBasedHomeCountsAsUnset() throws Exception {
        assertThat(rootInChildJvm("  ", "/tmp/someone")).isEqualTo("/tmp/someone/.based");
    }
}
