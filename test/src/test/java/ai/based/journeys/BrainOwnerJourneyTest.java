package ai.based.journeys;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.ExternalRpcNode;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.devnet.DevnetChain;
import ai.based.chain.devnet.DevnetManager;
import ai.based.chain.devnet.RunningNode;
import ai.based.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A Brain owner's journey through the based command, in process, on real devnets: devnet up, deploy, a wallet,
 * the faucet, acquiring by burn and by stake, listing, linking, deactivating after the lock, and the bad
 * inputs along the way (wrong password, unfunded wallet, node down, wrong chain id in the manifest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("devnet")
class BrainOwnerJourneyTest {
    private static Path home;
    private static Path password;
    private static Path wrongPassword;
    private static Cli cli;

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("based-journey-");
        password = Files.writeString(home.resolve("pw"), "correct horse battery staple\n");
        wrongPassword = Files.writeString(home.resolve("wrong"), "Tr0ub4dor&3\n");
        cli = new Cli(home);
    }

    @AfterAll
    static void tearDown() {
        new DevnetManager(home.resolve("devnet")).down(line -> {});
    }

    private static Cli.Result ok(String... args) {
        return cli.ok(args);
    }

    private static Cli.Result fails(int exitCode, String... args) {
        return cli.expect(exitCode, args);
    }

    private static String[] signer(String... args) {
        return Cli.signedBy("alice", password, args);
    }

    @Test
    @Order(1)
    void devnetComesUpAndDeployIsIdempotent() {
        assertThat(ok("devnet", "up").out()).contains("ethereum", "1337", "basedai", "32323");
        assertThat(ok("deploy").out()).startsWith("deployed devnet").contains("BrainPortal");
        assertThat(ok("deploy").out()).startsWith("already deployed devnet");
        assertThat(ok("devnet", "status").out()).contains("up at http://127.0.0.1:").contains("BrainNFT=");
    }

    @Test
    @Order(2)
    void walletIsCreatedAsAKeystoreThatOnlyItsPasswordOpens() throws Exception {
        assertThat(ok("wallet", "create", "alice", "--password-file", password.toString()).out()).contains("created wallet 'alice' 0x");
        assertThat(ok("wallet", "list").out()).contains("alice");
        assertThat(Files.readString(home.resolve("wallets/alice.json"))).contains("\"crypto\"", "scrypt");
        fails(ExitCodes.USAGE, "wallet", "create", "bob", "--password-file", password.toString(), "extra-arg");
        assertThat(fails(ExitCodes.REFUSED, "wallet", "create", "alice", "--password-file", password.toString()).err())
                .contains("already exists");
    }

    @Test
    @Order(3)
    void unfundedWalletIsToldToUseTheFaucet() {
        assertThat(fails(ExitCodes.INSUFFICIENT_FUNDS, signer("brains", "acquire", "--burn")).err())
                .contains("cannot acquire Brain: wallet 0x", "holds no ETH for gas", "based wallet faucet");
    }

    @Test
    @Order(4)
    void burnThenAShortWalletHearsExactlyWhatItLacks() {
        ok("wallet", "faucet", "--wallet", "alice", "--pepe", "1000");
        assertThat(ok(signer("brains", "acquire", "--burn")).out()).contains("acquired Brain #7 by burn for 1,000 PEPE");
        ok("wallet", "faucet", "--wallet", "alice", "--eth", "0", "--pepe", "800");
        assertThat(fails(ExitCodes.INSUFFICIENT_FUNDS, signer("brains", "acquire", "--burn")).err())
                .matches("(?s)based: cannot acquire Brain: wallet 0x[0-9a-fA-F]{40} holds 800 PEPE, the burn price is 1,200 PEPE\\s*");
    }

    @Test
    @Order(5)
    void wrongPasswordChangesNothing() {
        String before = ok("brains", "list").out();
        String[] args = signer("brains", "acquire", "--stake");
        args[args.length - 1] = wrongPassword.toString();
        assertThat(fails(ExitCodes.WRONG_PASSWORD, args).err()).contains("cannot unlock wallet 'alice': wrong password");
        assertThat(ok("brains", "list").out()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void stakeListShowAndLink() {
        ok("wallet", "faucet", "--wallet", "alice", "--eth", "0", "--pepe", "100000");
        assertThat(ok(signer("brains", "acquire", "--stake")).out()).contains("acquired Brain #8 by stake for 100,000 PEPE");
        assertThat(ok("brains", "list", "--owner", "alice").out()).contains("#7", "burn", "#8", "stake", "2 Brain(s)");
        assertThat(ok("brains", "list").out()).contains("#47", "reserved", "10 Brain(s)");
        assertThat(ok("brains", "show", "8").out()).contains("acquired by   stake", "100,000 PEPE, locked until");
        ok(signer("brains", "link", "7", "--based-wallet", "0x00000000000000000000000000000000000b45ed"));
        assertThat(ok("brains", "show", "7").out()).containsIgnoringCase("0x00000000000000000000000000000000000b45ed");
        assertThat(fails(ExitCodes.USAGE, signer("brains", "link", "7", "--based-wallet", "nope")).err()).contains("not an address");
        assertThat(fails(ExitCodes.NOT_FOUND, "brains", "show", "999").err()).contains("Brain #999 does not exist");
        assertThat(ok("wallet", "balance", "--wallet", "alice").out()).contains("ETH", "PEPE  800");
    }

    @Test
    @Order(7)
    void stakeIsLockedAndBurnedBrainsCannotBeDeactivated() {
        assertThat(fails(ExitCodes.REFUSED, signer("brains", "deactivate", "8")).err()).contains("is locked until");
        assertThat(fails(ExitCodes.REFUSED, signer("brains", "deactivate", "7")).err())
                .contains("was acquired by burn, only Brains acquired by stake can be deactivated");
    }

    @Test
    @Order(8)
    void nodeDownIsReportedAndStateSurvivesDownUp() {
        ok("devnet", "down");
        assertThat(fails(ExitCodes.NODE_UNAVAILABLE, "brains", "list").err()).contains("cannot reach the node", "based devnet up");
        ok("devnet", "up");
        assertThat(ok("brains", "list", "--owner", "alice").out()).contains("#7", "#8");
    }

    @Test
    @Order(9)
    void afterNinetyDaysTheStakeComesBack() {
        RunningNode eth = new DevnetManager(home.resolve("devnet")).require(DevnetChain.ETHEREUM);
        try (ExternalRpcNode node = ExternalRpcNode.connect(eth.rpcUrl(), eth.chainId())) {
            DevnetClock.advance(node, Duration.ofDays(90));
        }
        ok(signer("brains", "deactivate", "8"));
        assertThat(ok("wallet", "balance", "--wallet", "alice").out()).contains("PEPE  100,800");
        assertThat(ok("brains", "list", "--owner", "alice").out()).contains("1 Brain(s)").doesNotContain("#8");
    }

    @Test
    @Order(10)
    void manifestWithTheWrongChainIdIsRefused() throws Exception {
        Path manifest = home.resolve("deployment/devnet.json");
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replaceFirst("\"chainId\" : 1337", "\"chainId\" : 1"));
        try {
            assertThat(fails(ExitCodes.WRONG_CHAIN, "brains", "list").err()).contains("reports chain id 1337, expected 1");
        } finally {
            Files.writeString(manifest, original);
        }
        ok("brains", "list");
    }
}
