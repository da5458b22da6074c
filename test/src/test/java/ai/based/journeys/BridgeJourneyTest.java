package ai.based.journeys;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.ExternalRpcNode;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.devnet.DevnetChain;
import ai.based.chain.devnet.DevnetManager;
import ai.based.cli.ExitCodes;
import ai.based.client.wallet.WalletStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** BASED to wBASED and back through the CLI, with a devnet relay pass and the status of each message. */
@Tag("devnet")
class BridgeJourneyTest {

    private static String hashIn(String out) {
        Matcher m = Pattern.compile("message (0x[0-9a-f]{64})").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void roundTripThroughTheBridge() throws Exception {
        Path home = Files.createTempDirectory("based-bridge-journey-");
        Path password = Files.writeString(home.resolve("pw"), "bridge\n");
        Cli cli = new Cli(home);
        try {
            cli.ok("devnet", "up");
            cli.ok("deploy");
            new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT).create("alice", "bridge");
            cli.ok("wallet", "faucet", "--wallet", "alice", "--pepe", "0", "--based", "500");

            String out = cli.ok(Cli.signedBy("alice", password, "bridge", "send", "--to", "ETHEREUM", "--amount", "100")).out();
            String toEthereum = hashIn(out);
            assertThat(cli.ok("bridge", "status", toEthereum).out()).contains("sent, attested 0 of 3 (2 needed");
            assertThat(cli.ok("bridge", "relay").out()).contains("relayed 1 message(s) to Ethereum and 0 to BasedAI");
            assertThat(cli.ok("bridge", "status", toEthereum).out()).contains("executed");
            assertThat(cli.ok("wallet", "balance", "--wallet", "alice").out()).contains("wBASED 100", "BASED 400");

            String back = hashIn(cli.ok(Cli.signedBy("alice", password, "bridge", "send", "--to", "BASEDAI", "--amount", "40")).out());
            assertThat(cli.ok("bridge", "relay").out()).contains("relayed 0 message(s) to Ethereum and 1 to BasedAI");
            assertThat(cli.ok("bridge", "status", back).out()).contains("executed");
            assertThat(cli.ok("wallet", "balance", "--wallet", "alice").out()).contains("wBASED 60", "BASED 440");

            assertThat(cli.expect(ExitCodes.REFUSED, Cli.signedBy("alice", password, "bridge", "retry", back)).err())
                    .contains("MessengerNotFailed");
            assertThat(cli.expect(ExitCodes.USAGE, "bridge", "status", "0x" + "ab".repeat(32)).err()).contains("no message");

            // issue 14: what the destination would refuse is refused at the source, in the domain's words
            assertThat(cli.expect(ExitCodes.USAGE, Cli.signedBy("alice", password, "bridge", "send", "--to", "ETHEREUM",
                    "--amount", "1000001")).err()).contains("mints at most 1,000,000 BASED per hour");
            assertThat(cli.expect(ExitCodes.INSUFFICIENT_FUNDS, Cli.signedBy("alice", password, "bridge", "send", "--to", "ETHEREUM",
                    "--amount", "1000")).err()).contains("the wallet holds 440 BASED");
            assertThat(cli.expect(ExitCodes.INSUFFICIENT_FUNDS, Cli.signedBy("alice", password, "bridge", "send", "--to", "BASEDAI",
                    "--amount", "61")).err()).contains("the wallet holds 60 wBASED");
            assertThat(cli.expect(ExitCodes.USAGE, Cli.signedBy("alice", password, "bridge", "refund", toEthereum)).err())
                    .contains("was minted on Ethereum: there is nothing to refund");
            assertThat(cli.expect(ExitCodes.USAGE, Cli.signedBy("alice", password, "bridge", "refund", back)).err())
                    .contains("is not a lock of BASED for wBASED");

            // a mint that fails (the hourly limit) is refunded on BasedAI a day after its lock
            cli.ok("wallet", "faucet", "--wallet", "alice", "--pepe", "0", "--based", "1100000");
            cli.ok(Cli.signedBy("alice", password, "bridge", "send", "--to", "ETHEREUM", "--amount", "600000"));
            String over = hashIn(cli.ok(Cli.signedBy("alice", password, "bridge", "send", "--to", "ETHEREUM", "--amount", "500000")).out());
            assertThat(cli.ok("bridge", "relay").out()).contains("relayed 2 message(s) to Ethereum");
            assertThat(cli.ok("bridge", "status", over).out()).contains("failed", "'based bridge refund' a day after it");
            assertThat(cli.expect(ExitCodes.REFUSED, Cli.signedBy("alice", password, "bridge", "refund", over)).err())
                    .contains("BridgeRefundTooEarly");
            var eth = new DevnetManager(home.resolve("devnet")).require(DevnetChain.ETHEREUM);
            try (ExternalRpcNode node = ExternalRpcNode.connect(eth.rpcUrl(), eth.chainId())) {
                DevnetClock.advance(node, Duration.ofDays(1));
            }
            assertThat(cli.ok(Cli.signedBy("alice", password, "bridge", "refund", over)).out()).contains("refund of transfer", "requested");
            assertThat(cli.ok("bridge", "relay").out()).contains("relayed 0 message(s) to Ethereum and 1 to BasedAI");
            assertThat(cli.ok("wallet", "balance", "--wallet", "alice").out()).contains("wBASED 600,060", "BASED 500,440");
        } finally {
            new DevnetManager(home.resolve("devnet")).down(line -> {});
        }
    }
}
