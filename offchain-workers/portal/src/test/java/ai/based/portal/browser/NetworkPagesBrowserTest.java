package ai.based.portal.browser;

import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.bridge.MessageRelay;
import ai.based.bridge.MessengerEnd;
import ai.based.chain.anvil.DevAccounts;
import ai.based.deployment.BridgeOptions;
import ai.based.governance.GovernanceClient;
import ai.based.governance.ProposalAction;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.web3j.crypto.Credentials;

/**
 * The network pages in a real Chromium on real devnets. Alice (her wallet in the page) owns Brain 30 and GigaBrain 32;
 * Bob owns Brain 31. She edits her Brain's configuration and is refused on Bob's with the contract's reason, stakes,
 * votes on a proposal, and bridges BASED to Ethereum and back while relayers (the bridge's relay library, on a timer in this
 * test) deliver the message until the page shows it executed; the dashboard draws its plots.
 */
@Tag("devnet")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkPagesBrowserTest {
    private static final String NO_VALIDATOR = "0x0000000000000000000000000000000000000000";
    private static final Credentials ALICE = DevAccounts.account(2);
    private static final Credentials BOB = DevAccounts.account(3);
    private static final Credentials VALIDATOR = DevAccounts.account(6);
    private static PortalHarness harness;
    private static TestWallet wallet;
    private static ScheduledExecutorService relayers;

    @BeforeAll
    static void start() throws Exception {
        harness = PortalHarness.start();
        var chain = harness.chains;
        var session = chain.session;
        chain.sync(30, ALICE, 1, 0);
        chain.sync(31, BOB, 1, 0);
        chain.sync(32, ALICE, 1, 0);
        chain.fund(ALICE, based(2_000));
        chain.fund(BOB, based(1_000));
        chain.fund(VALIDATOR, based(200));
        session.registry(session.signer(VALIDATOR)).memorize(BigInteger.valueOf(30), BigInteger.ONE, new byte[32]).send();
        session.stakes(session.signer(ALICE)).stake(BigInteger.valueOf(32), NO_VALIDATOR, based(1_000)).send();
        session.stakes(session.signer(BOB)).stake(BigInteger.valueOf(31), NO_VALIDATOR, based(500)).send();
        ai.based.portal.network.PostedEpoch.post(chain, 0, java.util.Map.of(30L, based(900), 32L, based(1_800)));
        new GovernanceClient(session).propose(ALICE, List.of(ProposalAction.parse("max-validator-take=1700")), "portal: lower the take");
        chain.mine(2);
        List<Credentials> quorum = BridgeOptions.DEVNET_RELAYER_ACCOUNTS.stream().limit(2).map(DevAccounts::account).toList();
        MessageRelay toEthereum = new MessageRelay(MessengerEnd.basedai(session), MessengerEnd.ethereum(chain.ethereumSession), quorum,
                DevAccounts.account(13), 0);
        MessageRelay toBasedAi = new MessageRelay(MessengerEnd.ethereum(chain.ethereumSession), MessengerEnd.basedai(session), quorum,
                DevAccounts.account(13), 0);
        relayers = Executors.newSingleThreadScheduledExecutor();
        relayers.scheduleWithFixedDelay(() -> {
            try {
                toEthereum.relayPending(line -> {});
                toBasedAi.relayPending(line -> {});
            } catch (Exception | Error e) {
                // a relayer retries on its next pass, as the relayer service does; say why in the test's log
                if (!Thread.currentThread().isInterrupted()) System.err.println("relay pass failed: " + e);
            }
        }, 0, 300, TimeUnit.MILLISECONDS);

        wallet = harness.wallet(ALICE, chain.manifest.basedai().chainId());
        harness.open("/network");
        harness.browser.driver.findElement(By.id("connect-wallet")).click();
        wallet.approveNext("eth_requestAccounts");
        harness.waitFor(By.id("wallet-account"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (relayers != null) relayers.shutdownNow();
        if (harness != null) harness.close();
    }

    @Test
    @Order(1)
    void theOwnerEditsHerBrainAndAnOutsiderIsRefusedWithTheContractsReason() throws Exception {
        harness.open("/brain");
        // keyboard only: type the number and press Enter
        WebElement id = harness.waitFor(By.id("brain-id"));
        id.sendKeys("30", Keys.ENTER);
        harness.waitForText(By.id("config-owner"), ALICE.getAddress().substring(0, 6));
        WebElement name = harness.waitFor(By.id("edit-name"));
        name.clear();
        name.sendKeys("Alice's tiny GPT");
        click("save-config");
        wallet.approveNext("eth_sendTransaction");
        harness.waitForText(By.cssSelector("p.status"), "configuration is saved");
        harness.waitForText(By.id("config-name"), "Alice's tiny GPT");
        harness.waitFor(By.cssSelector("#brain-emissions[data-points='1'] canvas"));
        // the closed epochs' consensus, computed by the portal in the background: the page asks again until it is there
        assertThat(harness.waitFor(By.cssSelector("#brain-consensus thead")).getText()).contains("miner uid: incentive")
                .contains("validator uid: dividends");
        harness.waitFor(By.cssSelector("#brain-consensus tbody tr"));
        assertThat(harness.chains.session.registry(harness.chains.session.reader()).config(BigInteger.valueOf(30)).send().name)
                .isEqualTo("Alice's tiny GPT");
        harness.browser.screenshot("brain-on-basedai");

        harness.open("/brain?id=31");
        harness.waitForText(By.id("config-owner"), BOB.getAddress().substring(0, 6));
        click("save-config");
        String refusal = harness.waitForText(By.cssSelector("p.status"), "refused by the contract");
        assertThat(refusal).contains("only the Brain's owner").contains("RegistryNotBrainOwner");
        assertThat(harness.chains.session.registry(harness.chains.session.reader()).config(BigInteger.valueOf(31)).send().configured)
                .as("nothing changed").isFalse();
        assertEveryControlIsNamed();
    }

    @Test
    @Order(2)
    void stakingShowsApyStakesDelegatesAndUnstakesThroughTheWallet() throws Exception {
        harness.open("/staking");
        harness.waitFor(By.id("apy-table"));
        assertThat(harness.browser.driver.findElement(By.id("apy-formula")).getText()).contains("yearEmission").contains("0.5%");
        type("stake-brain", "30");
        type("stake-amount", "25");
        click("stake-button");
        wallet.approveNext("eth_sendTransaction");
        harness.waitForText(By.id("my-stake"), "25 BASED");
        assertThat(harness.chains.session.stakes(harness.chains.session.reader()).brainStake(BigInteger.valueOf(30)).send())
                .isEqualTo(based(25));
        harness.waitForText(By.id("apy-table"), "#30");

        // delegate to the Brain's validator, then take it back
        type("stake-validator", VALIDATOR.getAddress());
        type("stake-amount", "5");
        click("stake-button");
        wallet.approveNext("eth_sendTransaction");
        harness.waitForText(By.id("my-stake"), "with validator " + VALIDATOR.getAddress() + ": 5 BASED");
        var stakes = harness.chains.session.stakes(harness.chains.session.reader());
        assertThat(stakes.validatorStake(BigInteger.valueOf(30), VALIDATOR.getAddress()).send()).isEqualTo(based(5));
        click("unstake-button");
        wallet.approveNext("eth_sendTransaction");
        harness.waitForText(By.id("my-stake"), "with validator " + VALIDATOR.getAddress() + ": 0 BASED");
        assertThat(stakes.validatorStake(BigInteger.valueOf(30), VALIDATOR.getAddress()).send()).isZero();
        assertEveryControlIsNamed();
        harness.browser.screenshot("staking");
    }

    @Test
    @Order(3)
    void aGigaBrainVotesOnAProposal() throws Exception {
        harness.open("/proposals");
        harness.waitForText(By.cssSelector("#proposal-0 .proposal-state"), "ACTIVE");
        type("vote-brain-0", "32");
        click("vote-button-0");
        wallet.approveNext("eth_sendTransaction");
        harness.waitForText(By.cssSelector("p.status"), "Brain #32 voted For");
        assertThat(harness.waitForText(By.cssSelector("#proposal-0 .gigabrain-tally"), "for 1")).contains("for 1, against 0");
        assertThat(harness.browser.driver.findElement(By.cssSelector("#proposal-0 .pepe-tally")).getText()).contains("Pepecoin chamber");
        // the same Brain again: refused before anything is signed, with the contract's reason, and the tally unchanged
        type("vote-brain-0", "32");
        click("vote-button-0");
        assertThat(harness.waitForText(By.cssSelector("p.status"), "refused by the contract")).contains("already voted");
        assertThat(harness.browser.driver.findElement(By.cssSelector("#proposal-0 .gigabrain-tally")).getText()).contains("for 1, against 0");
        assertEveryControlIsNamed();
        harness.browser.screenshot("proposals");
    }

    @Test
    @Order(4)
    void bridgedBasedReachesExecutedOnEthereum() throws Exception {
        harness.open("/bridge");
        type("bridge-amount", "5");
        click("bridge-button");
        wallet.approveNext("eth_sendTransaction"); // allow the bridge to lock BASED
        wallet.approveNext("eth_sendTransaction"); // bridgeToEthereum
        harness.waitForText(By.cssSelector("#bridge-message-0 .bridge-status"), "executed");
        var wbased = ai.based.contracts.WrappedBased.load(harness.chains.ethereumSession.address("WrappedBased"),
                harness.chains.ethereumSession.node().web3j(), harness.chains.ethereumSession.reader(), ai.based.chain.tx.TxManager.WRAPPER_GAS);
        assertThat(wbased.balanceOf(ALICE.getAddress()).send()).isEqualTo(based(5));

        // and back: the page switches the wallet to Ethereum, burns 2 wBASED, the BasedAI end releases 2 BASED
        var token = harness.chains.session.token(harness.chains.session.reader());
        BigInteger basedBefore = token.balanceOf(ALICE.getAddress()).send();
        new org.openqa.selenium.support.ui.Select(harness.waitFor(By.id("bridge-direction"))).selectByValue("to-basedai");
        type("bridge-amount", "2");
        click("bridge-button");
        wallet.approveNext("wallet_switchEthereumChain");
        wallet.approveNext("eth_sendTransaction");
        harness.waitForText(By.cssSelector("#bridge-message-1 .bridge-status"), "executed");
        harness.waitForText(By.cssSelector("#bridge-message-0 .bridge-status"), "executed");
        assertThat(harness.browser.driver.findElement(By.id("bridge-message-0")).getText()).contains("wBASED → BASED 2");
        assertThat(wbased.balanceOf(ALICE.getAddress()).send()).isEqualTo(based(3));
        assertThat(token.balanceOf(ALICE.getAddress()).send().subtract(basedBefore)).isEqualTo(based(2));
        assertThat(harness.browser.driver.findElement(By.cssSelector("div.banner")).isDisplayed())
                .as("the wallet is on the chain this direction sends on: no wrong-chain banner").isFalse();
        assertEveryControlIsNamed();
        harness.browser.screenshot("bridge");
    }

    @Test
    @Order(5)
    void theDashboardPlotsTheEmissionCurveStakeRewardsAndLatency() throws Exception {
        harness.open("/network");
        WebElement emission = harness.waitFor(By.cssSelector("#emission-chart[data-points='8']"));
        harness.waitFor(By.cssSelector("#emission-chart canvas"));
        assertThat(emission.getText()).contains("year 1");
        @SuppressWarnings("unchecked")
        List<BigInteger> staked = harness.chains.session.stakes(harness.chains.session.reader()).stakedBrains().send();
        harness.waitFor(By.cssSelector("#stake-chart[data-points='" + staked.size() + "'] canvas"));
        long posted = harness.chains.session.emission(harness.chains.session.reader()).nextEpoch().send().longValueExact();
        assertThat(posted).isEqualTo(1);
        harness.waitFor(By.cssSelector("#rewards-chart[data-points='1'] canvas"));
        harness.waitForText(By.id("epochs-now"), "1 epochs posted");
        harness.waitFor(By.id("latency-chart"));
        harness.browser.screenshot("network-dashboard");
    }

    private static void click(String id) {
        harness.waitFor(By.id(id)).click();
    }

    private static void type(String id, String text) {
        WebElement input = harness.waitFor(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Every input, select and button on the page has an accessible name (a label, aria-label or its text). */
    private static void assertEveryControlIsNamed() {
        Object unnamed = harness.browser.driver.executeScript(
                "return [...document.querySelectorAll('input, select, button')].filter(e => !((e.labels && e.labels.length)"
                        + " || e.getAttribute('aria-label') || e.textContent.trim())).map(e => e.id || e.outerHTML);");
        assertThat((List<?>) unnamed).as("controls without an accessible name").isEmpty();
    }
}
