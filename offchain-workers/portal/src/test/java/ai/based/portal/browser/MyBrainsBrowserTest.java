package ai.based.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.tx.TxManager;
import ai.based.client.ChainSession;
import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.contracts.PepeCoin;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.web3j.crypto.Credentials;

/**
 * My Brains in a real Chromium on real devnets: linking the BasedAI wallet (done with the keyboard only), transferring
 * a burn-acquired Brain, the countdown of a staked one; and every control of every page has an accessible name.
 */
class MyBrainsBrowserTest extends PortalBrowserTest {
    @Test
    void linksTheBasedAiWalletWithTheKeyboardOnly() throws Exception {
        TestWallet wallet = harness.freshWallet(2_000);
        Credentials owner = key(wallet);
        long brain = acquire(owner, false);
        String basedWallet = "0x00000000000000000000000000000000000b45ed";
        harness.open("/my-brains");

        // Tab to the connect button and press Enter; then type the wallet and submit the form with Enter
        tabTo("connect-wallet").sendKeys(Keys.ENTER);
        wallet.approveNext("eth_requestAccounts");
        harness.waitFor(By.id("brain-" + brain));
        tabTo("link-" + brain + "-wallet").sendKeys(basedWallet, Keys.ENTER);
        wallet.approveNext("eth_sendTransaction");

        harness.waitForText(By.id("linked-" + brain), "0x00000000000000000000000000000000000B45eD".substring(0, 6));
        assertThat(harness.waitFor(By.id("linked-" + brain)).getText()).isEqualToIgnoringCase(basedWallet);
        assertThat(portal(owner).basedWalletOf(BigInteger.valueOf(brain)).send()).isEqualToIgnoringCase(basedWallet);
    }

    @Test
    void transfersABurnAcquiredBrainAndRefusesANonAddress() throws Exception {
        TestWallet wallet = harness.freshWallet(2_000);
        Credentials owner = key(wallet);
        long brain = acquire(owner, false);
        harness.open("/my-brains");
        harness.click("my-brains-connect");
        wallet.approveNext("eth_requestAccounts");

        harness.type("transfer-" + brain + "-to", "not-an-address");
        harness.click("transfer-" + brain);
        assertThat(harness.status("not a wallet address")).contains("cannot transfer Brain #" + brain);
        assertThat(wallet.nothingWaiting()).isTrue();

        String recipient = "0x000000000000000000000000000000000000beef";
        WebElement to = harness.waitFor(By.id("transfer-" + brain + "-to"));
        to.clear();
        to.sendKeys(recipient);
        harness.click("transfer-" + brain);
        wallet.approveNext("eth_sendTransaction");
        harness.status("now belongs to");
        assertThat(nft(owner).ownerOf(BigInteger.valueOf(brain)).send()).isEqualToIgnoringCase(recipient);
        harness.waitFor(By.id("no-brains"));
    }

    @Test
    void aStakedBrainCountsDownToItsDeactivation() throws Exception {
        TestWallet wallet = harness.freshWallet(100_000);
        long brain = acquire(key(wallet), true);
        harness.open("/my-brains");
        harness.click("my-brains-connect");
        wallet.approveNext("eth_requestAccounts");

        String countdown = harness.waitForText(By.id("unlock-" + brain), "left");
        assertThat(countdown).matches("Stake locked: (90 d 0 h 0 min 0 s|89 d 23 h [0-9]+ min [0-9]+ s) left \\(until 20[0-9-]+T.*\\)\\.");
        // it counts down (the page ticks every second)
        new org.openqa.selenium.support.ui.WebDriverWait(harness.browser.driver, PortalHarness.WAIT).until(
                d -> !d.findElement(By.id("unlock-" + brain)).getText().equals(countdown));
        assertThat(harness.waitFor(By.id("deactivate-" + brain)).isEnabled()).isFalse();
        assertThat(harness.browser.driver.findElements(By.id("transfer-" + brain))).as("a staked Brain is not transferable").isEmpty();
        harness.browser.screenshot("my-brains");
    }

    @Test
    void afterNinetyDaysAStakedBrainIsDeactivatedAndItsPepeReturned() throws Exception {
        TestWallet wallet = harness.freshWallet(100_000);
        Credentials owner = key(wallet);
        long brain = acquire(owner, true);
        PepeCoin pepe = PepeCoin.load(harness.chains.manifest.ethereum().require("PepeCoin"), harness.chains.ethereum.web3j(), tx(owner),
                TxManager.WRAPPER_GAS);
        assertThat(pepe.balanceOf(owner.getAddress()).send()).isZero();
        // the devnet's clock moves 90 days and a block is mined at the new time
        anvil("evm_increaseTime", String.valueOf(90L * 24 * 3600 + 1));
        anvil("evm_mine");

        harness.open("/my-brains");
        harness.click("my-brains-connect");
        wallet.approveNext("eth_requestAccounts");
        assertThat(harness.waitForText(By.id("unlock-" + brain), "unlocked")).isEqualTo("The stake is unlocked.");
        harness.click("deactivate-" + brain);
        wallet.approveNext("eth_sendTransaction");
        harness.status("is deactivated");
        assertThat(pepe.balanceOf(owner.getAddress()).send()).isEqualTo(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(100_000)));
        harness.waitFor(By.id("no-brains"));
    }

    @Test
    void everyControlOfEveryPageHasAnAccessibleName() throws Exception {
        TestWallet wallet = harness.freshWallet(2_000);
        acquire(key(wallet), false);
        for (String path : List.of("/brains", "/my-brains")) {
            harness.open(path);
            if (path.equals("/brains")) {
                harness.click("connect-wallet");
                wallet.approveNext("eth_requestAccounts");
                harness.waitFor(By.id("burn-price"));
            } else {
                harness.waitFor(By.cssSelector("#my-brains article"));
            }
            List<WebElement> controls = harness.browser.driver.findElements(By.cssSelector("a, button, input, select, textarea"));
            assertThat(controls).isNotEmpty();
            for (WebElement control : controls) {
                assertThat(control.getAccessibleName()).as("accessible name of <%s id=%s> on %s", control.getTagName(),
                        control.getAttribute("id"), path).isNotBlank();
            }
        }
    }

    /** Presses Tab (at most 40 times) until the element with this id has the focus. */
    private static WebElement tabTo(String id) {
        for (int i = 0; i < 40; i++) {
            new Actions(harness.browser.driver).sendKeys(Keys.TAB).perform();
            WebElement focused = harness.browser.driver.switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) return focused;
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    /** A devnet-only call straight to the node (the portal's proxy refuses these, as it should). */
    private static void anvil(String method, String... params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + String.join(",", params) + "]}";
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            String answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(harness.chains.manifest.ethereum().rpc()))
                    .header("content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(answer).as(method).doesNotContain("\"error\"");
        }
    }

    private static Credentials key(TestWallet wallet) {
        return wallet.credentials();
    }

    /** Acquires a Brain outside the page (the setup of these journeys); returns its number. */
    private static long acquire(Credentials who, boolean byStake) throws Exception {
        BrainPortal portal = portal(who);
        BigInteger amount = byStake ? portal.STAKE_AMOUNT().send() : portal.burnPrice().send();
        PepeCoin.load(harness.chains.manifest.ethereum().require("PepeCoin"), harness.chains.ethereum.web3j(), tx(who), TxManager.WRAPPER_GAS)
                .approve(portal.getContractAddress(), amount).send();
        var receipt = byStake ? portal.acquireByStake().send() : portal.acquireByBurn().send();
        return BrainPortal.getBrainAcquiredEvents(receipt).getFirst().brainId.longValueExact();
    }

    private static BrainPortal portal(Credentials who) {
        return BrainPortal.load(harness.chains.manifest.ethereum().require("BrainPortal"), harness.chains.ethereum.web3j(), tx(who),
                TxManager.WRAPPER_GAS);
    }

    private static BrainNFT nft(Credentials who) {
        return BrainNFT.load(harness.chains.manifest.ethereum().require("BrainNFT"), harness.chains.ethereum.web3j(), tx(who),
                TxManager.WRAPPER_GAS);
    }

    private static TxManager tx(Credentials who) {
        return new TxManager(harness.chains.ethereum, who, ChainSession.reverts());
    }
}
