package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Oracle signers run on different machines and JVMs; integer arithmetic must give them the same bits. Here a
 * second JVM runs the same epochs interpreted (-Xint: no JIT, so no compiled code paths) with another garbage
 * collector, and must produce the digest this JVM produces with its compiled code.
 */
class ConsensusAcrossProcessesTest {

    @Test
    void anInterpretedJvmComputesTheSameBitsAsThisOne() throws Exception {
        long seed = 20_261_204L;
        for (int i = 0; i < 20; i++) ConsensusDigest.of(seed + 1);   // let C2 compile the arithmetic here
        String here = ConsensusDigest.of(seed);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xint", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ConsensusDigest.class.getName(), Long.toString(seed)).redirectErrorStream(true).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        String there = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertThat(child.exitValue()).as(there).isZero();
        assertThat(there).isEqualTo(here);
    }
}
