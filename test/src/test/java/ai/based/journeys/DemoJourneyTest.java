package ai.based.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.devnet.DevnetManager;
import ai.based.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's main command, end to end on fresh devnets, run twice: the second run reuses everything. */
class DemoJourneyTest {

    @Test
    void demoAcquiresOneBrainByBurnAndOneByStakeAndCanRunAgain() throws Exception {
        Path home = Files.createTempDirectory("based-demo-");
        Cli cli = new Cli(home);
        try {
            Cli.Result first = cli.run("demo");
            assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.OK);
            assertThat(first.out()).contains("[5/5]", "Brain #7 by burn", "1,000 PEPE burned",
                    "Brain #8 by stake", "100,000 PEPE locked for 90 days", "active Brains     10 of 1024");

            Cli.Result second = cli.run("demo");
            assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).contains("already up", "nothing to deploy", "reusing wallet 'demo'");
            assertThat(second.out()).contains("Brain #9 by burn", "1,200 PEPE burned", "Brain #10 by stake");
        } finally {
            new DevnetManager(home.resolve("devnet")).down(line -> {});
        }
    }
}
