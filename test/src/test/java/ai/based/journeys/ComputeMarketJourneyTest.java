package ai.based.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.ExternalRpcNode;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.devnet.DevnetChain;
import ai.based.chain.devnet.DevnetManager;
import ai.based.chain.devnet.RunningNode;
import ai.based.cli.ExitCodes;
import ai.based.client.wallet.WalletStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A user's spending account through the CLI on a fresh devnet: deposit, show, the two withdrawal steps with the
 * refusal in between (naming the unlock block), and a Brain's unit price, shown and refused to a non-owner.
 */
@Tag("devnet")
class ComputeMarketJourneyTest {
    private static Path home;
    private static Path password;
    private static Cli cli;

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("based-market-journey-");
        password = Files.writeString(home.resolve("pw"), "s3cret\n");
        cli = new Cli(home);
        cli.ok("devnet", "up");
        cli.ok("deploy");
        new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT).create("user", "s3cret");
        cli.ok("wallet", "faucet", "--wallet", "user", "--pepe", "0", "--based", "30");
    }

    @AfterAll
    static void tearDown() {
        new DevnetManager(home.resolve("devnet")).down(line -> {});
    }

    private static String[] as(String wallet, String... args) {
        return Cli.signedBy(wallet, password, args);
    }

    @Test
    void depositShowAndWithdrawInTwoSteps() throws Exception {
        assertThat(cli.ok(as("user", "account", "deposit", "--amount", "25")).out()).contains("deposited 25 BASED", "balance   25 BASED");
        assertThat(cli.ok("account", "show", "--wallet", "user").out()).contains("balance   25 BASED", "available 25 BASED");
        assertThat(cli.expect(ExitCodes.INSUFFICIENT_FUNDS, as("user", "account", "deposit", "--amount", "6")).err())
                .contains("holds 5 BASED");

        Cli.Result requested = cli.ok(as("user", "account", "withdraw", "--amount", "10"));
        Matcher unlock = Pattern.compile("unlocks at block (\\d+)").matcher(requested.out());
        assertThat(unlock.find()).as(requested.toString()).isTrue();
        assertThat(requested.out()).contains("step 1 of 2", "available 15 BASED", "pending   10 BASED");
        assertThat(cli.expect(ExitCodes.REFUSED, as("user", "account", "withdraw")).err())
                .contains("cannot withdraw yet", "unlocks at block " + unlock.group(1));

        mine(8_640);
        assertThat(cli.ok(as("user", "account", "withdraw")).out()).contains("step 2 of 2: withdrew 10 BASED", "balance   15 BASED");
        assertThat(cli.ok("account", "show", "--wallet", "user").out()).doesNotContain("pending   ");
    }

    @Test
    void aBrainsUnitPriceIsShownAndOnlyItsOwnerSetsIt() {
        assertThat(cli.ok("brain", "price", "--brain", "7").out()).contains("Brain #7: 0.001 BASED a compute unit");
        assertThat(cli.expect(ExitCodes.REFUSED, as("user", "brain", "price", "--brain", "7", "--set", "0.002")).err())
                .contains("not the owner of active Brain #7");
    }

    private static void mine(long blocks) {
        RunningNode based = new DevnetManager(home.resolve("devnet")).require(DevnetChain.BASEDAI);
        try (ExternalRpcNode node = ExternalRpcNode.connect(based.rpcUrl(), based.chainId())) {
            DevnetClock.mine(node, blocks);
        }
    }
}
