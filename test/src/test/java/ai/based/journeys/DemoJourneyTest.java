package ai.based.journeys;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.devnet.DevnetManager;
import ai.based.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, end to end on fresh devnets, run twice: the second run reuses everything. It includes a
 * miner process and an encrypted query, so it runs with the model tier too.
 */
@Tag("devnet")
class DemoJourneyTest {

    @Test
    void demoAcquiresOneBrainByBurnAndOneByStakeAndCanRunAgain() throws Exception {
        Path home = Files.createTempDirectory("based-demo-");
        Cli cli = new Cli(home);
        try {
            Cli.Result first = cli.run("demo");
            assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.OK);
            assertThat(first.out()).contains("[13/13]", "Brain #7 by burn", "1,000 PEPE burned",
                    "Brain #8 by stake", "100,000 PEPE locked for 90 days", "active Brains     10 of 1024",
                    "claimed " + DemoEpoch.OWNER + " BASED for the owner", "claimed " + DemoEpoch.MINER + " BASED for the miner",
                    "claimed " + DemoEpoch.VALIDATOR + " BASED for the validator", "proposal executed: bonus pool is now 1500 bps",
                    "3 relayers (2-of-3, 2 confirmations) mirror Brain #7",
                    "Pepecoin chamber: for 1,000, against 0 PEPE, stored with the proposal on BasedAI; 1,000 PEPE escrow returned",
                    "deposited 1 BASED into demo's spending account", "continuation:", "paid 2 compute units",
                    "the miner stopped and redeemed the user's receipt: 2 compute units, 0.002 BASED",
                    "diagnosis miner process", "predictions for 113 records", "accuracy 0.9", "paid 1 compute units",
                    "validator process", "committed its weights for epoch", "three oracle signer processes compute epoch",
                    "incentive 1.0000", "dividends 1.0000", "posted with the signatures of the oracle processes");
            assertThat(first.out()).containsPattern("miner process \\d+ serves tiny@sha256:[0-9a-f]{64} at https://127.0.0.1:\\d+");
            // the portal keeps running in the background, serving this deployment
            Matcher portal = Pattern.compile("Portal: (http://127\\.0\\.0\\.1:\\d+/)").matcher(first.out());
            assertThat(portal.find()).as(first.out()).isTrue();
            String portalUrl = portal.group(1);
            assertThat(get(portalUrl + "v1/manifest")).contains("\"BrainPortal\"", "\"chainId\":32323");

            Cli.Result second = cli.run("demo");
            assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.OK);
            assertThat(second.err()).contains("already up", "nothing to deploy", "reusing wallet 'demo'");
            assertThat(cli.run("emissions", "show").out()).containsPattern("epoch \\d+: posted 3,600 of 3,600 BASED emitted, 3,600 claimed");
            assertThat(second.out()).contains("Brain #9 by burn", "1,200 PEPE burned", "Brain #10 by stake",
                    "Pepecoin chamber: for 1,000", "1,000 PEPE escrow returned");
            assertThat(second.out()).as("the second run reuses the running portal").contains("Portal: " + portalUrl);

            Cli.Result down = cli.run("devnet", "down");
            assertThat(down.out()).contains("stopped the portal at " + portalUrl);
            assertThatThrownBy(() -> get(portalUrl + "health")).isInstanceOf(java.io.IOException.class);
        } finally {
            cli.run("devnet", "down"); // stops the portal too
            new DevnetManager(home.resolve("devnet")).down(line -> {});
        }
    }

    private static String get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            return response.body();
        }
    }
}
