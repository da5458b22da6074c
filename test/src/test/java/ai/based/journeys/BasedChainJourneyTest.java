package ai.based.journeys;

import org.junit.jupiter.api.Tag;

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
import org.junit.jupiter.api.Test;

/**
 * A Brain owner and a validator on the BasedAI chain through the CLI: mirror, configure, memorize, stake, an
 * epoch posted and claimed, and a GigaBrain proposal; with the refusals a user meets on the way.
 */
@Tag("devnet")
class BasedChainJourneyTest {
    private static Path home;
    private static Path password;
    private static Cli cli;

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("based-chain-journey-");
        password = Files.writeString(home.resolve("pw"), "s3cret\n");
        cli = new Cli(home);
        ok("devnet", "up");
        ok("deploy");
        WalletStore wallets = new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT);
        wallets.create("owner", "s3cret");
        wallets.create("node", "s3cret");
        ok("wallet", "faucet", "--wallet", "owner", "--pepe", "1100", "--based", "5000");
        ok("wallet", "faucet", "--wallet", "node", "--pepe", "0", "--based", "500");
        ok(as("owner", "brains", "acquire", "--burn"));
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

    private static String[] as(String wallet, String... args) {
        return Cli.signedBy(wallet, password, args);
    }

    private static String address(String wallet) {
        return new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT).get(wallet).address();
    }

    @Test
    void ownerValidatorEpochAndGigaBrainVote() throws Exception {
        Matcher mirrored = Pattern.compile("mirror message (0x[0-9a-f]{64})").matcher(ok("brain", "sync", "7").out());
        assertThat(mirrored.find()).isTrue();
        assertThat(ok("bridge", "relay").out()).contains("1 to BasedAI");
        assertThat(ok("bridge", "status", mirrored.group(1)).out()).contains("executed");
        assertThat(ok(as("owner", "brain", "configure", "7", "--name", "Journey", "--model", "tiny", "--source", "https://example.org/m")).out())
                .as("a package is recorded by its content id").containsPattern("tiny@sha256:[0-9a-f]{64}");
        assertThat(fails(ExitCodes.REFUSED, as("node", "brain", "configure", "7", "--name", "x", "--model", "tiny", "--source", "x")).err())
                .contains("RegistryNotBrainOwner");

        assertThat(ok(as("node", "memorize", "--brain", "7", "--role", "VALIDATOR")).out()).contains("as validator uid 0", "fee 100 BASED");
        assertThat(fails(ExitCodes.REFUSED, as("node", "memorize", "--brain", "7", "--role", "VALIDATOR")).err()).contains("RegistryAlreadyRegistered");

        assertThat(fails(ExitCodes.INSUFFICIENT_FUNDS, as("owner", "stake", "add", "--brain", "7", "--amount", "999999")).err())
                .contains("cannot stake: wallet", "the stake is 999999 BASED");
        ok(as("owner", "stake", "add", "--brain", "7", "--validator", address("node"), "--amount", "1000"));
        assertThat(ok("stake", "show").out()).contains("Brain #7", "stake 1,000 BASED", "GigaBrain");

        // the owner also mines its Brain; the validator weighs it, committing in epoch 0 and revealing in epoch 1
        assertThat(ok(as("owner", "memorize", "--brain", "7", "--role", "MINER")).out()).contains("as miner uid 0");
        assertThat(fails(ExitCodes.USAGE, as("node", "weights", "commit", "--brain", "7", "--weights", "0=70000")).err())
                .contains("from 0 to 65535");
        assertThat(fails(ExitCodes.REFUSED, as("owner", "weights", "commit", "--brain", "7", "--weights", "0=1")).err())
                .contains("is not a validator of Brain #7");
        assertThat(ok(as("node", "weights", "commit", "--brain", "7", "--weights", "0=65535")).out()).contains("for epoch 0");
        assertThat(fails(ExitCodes.REFUSED, "emissions", "post").err()).contains("pass --close on the devnet");
        assertThat(ok("emissions", "post", "--close").out()).as("no weights were revealed yet: nothing earned")
                .contains("posted epoch 0: 0 BASED to claim");
        assertThat(ok(as("node", "weights", "reveal", "--brain", "7")).out()).contains("revealed 1 weight(s)", "epoch 1's consensus");
        assertThat(fails(ExitCodes.REFUSED, as("node", "weights", "reveal", "--brain", "7")).err()).contains("already revealed");
        assertThat(ok("weights", "show", "--brain", "7").out()).contains("1 validator(s) revealed", address("node").toLowerCase() + ": 0=65535");
        // 3,600 emitted, all to Brain #7: owner 900 plus the miners' 1,350; the validator pool (1,350) to the one validator,
        // which keeps its 18% take (243) and passes 1,107 to the owner's delegated stake.
        assertThat(ok("emissions", "post", "--close").out()).contains("posted epoch 1: 3,600 BASED to claim");
        assertThat(ok("emissions", "show").out()).contains("posted 3,600 of 3,600 BASED emitted", "Brain #7     3,600 BASED",
                "243 BASED", "3,357 BASED");
        assertThat(ok(as("node", "emissions", "claim")).out()).contains("claimed 243 BASED for epoch 1");
        assertThat(fails(ExitCodes.REFUSED, as("node", "emissions", "claim")).err()).contains("already claimed");

        assertThat(fails(ExitCodes.REFUSED, as("node", "gigabrain", "propose", "--set", "bonus-pool=1200", "--description", "x")).err())
                .contains("GovernorProposerNotAllowed");
        assertThat(fails(ExitCodes.USAGE, as("owner", "gigabrain", "propose", "--set", "nonsense=1", "--description", "x")).err())
                .contains("unknown proposal action");
        String proposed = ok(as("owner", "gigabrain", "propose", "--set", "bonus-pool=1200", "--description", "journey")).out();
        Matcher id = Pattern.compile("proposal (\\d+)").matcher(proposed);
        assertThat(id.find()).isTrue();
        assertThat(proposed).contains("announced to the Pepecoin chamber");
        assertThat(fails(ExitCodes.REFUSED, as("owner", "gigabrain", "vote", "--proposal", id.group(1), "--pepe", "5", "--support", "FOR"))
                .err()).contains("no window for proposal");
        ok("bridge", "relay");
        assertThat(fails(ExitCodes.REFUSED, as("owner", "gigabrain", "vote", "--proposal", id.group(1), "--pepe", "5000", "--support",
                "AGAINST")).err()).contains("holds 100 PEPE, the vote escrows 5,000 PEPE");
        ok(as("owner", "gigabrain", "vote", "--proposal", id.group(1), "--pepe", "5", "--support", "AGAINST"));
        assertThat(fails(ExitCodes.REFUSED, as("owner", "gigabrain", "pepe", "withdraw", "--proposal", id.group(1))).err())
                .contains("ChamberStillOpen");
        mine(2);
        ok(as("owner", "gigabrain", "vote", "--proposal", id.group(1), "--brain", "7", "--support", "FOR"));
        assertThat(fails(ExitCodes.REFUSED, as("owner", "gigabrain", "vote", "--proposal", id.group(1), "--brain", "7", "--support", "FOR")).err())
                .contains("GovernorBrainAlreadyVoted");
        assertThat(ok("gigabrain", "show", "--proposal", id.group(1)).out()).contains("state       active", "for 1, against 0",
                "Pepecoin    for 0, against 5, abstain 0 PEPE so far");
        assertThat(fails(ExitCodes.REFUSED, as("owner", "gigabrain", "execute", "--proposal", id.group(1))).err()).contains("is active");
    }

    private static void mine(long blocks) {
        RunningNode based = new DevnetManager(home.resolve("devnet")).require(DevnetChain.BASEDAI);
        try (ExternalRpcNode node = ExternalRpcNode.connect(based.rpcUrl(), based.chainId())) {
            DevnetClock.mine(node, blocks);
        }
    }
}
