package ai.based.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.tx.TxManager;
import ai.based.client.ChainSession;
import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The Brains page in a real Chromium on real devnets: acquiring by burn and by stake (approve + acquire, signed by
 * the test wallet), a refusal shown with the CLI's reason, a rejected signature, and a wallet on the wrong chain.
 */
class BrainsBrowserTest extends PortalBrowserTest {
    @Test
    void acquiresABrainByBurnAndOneByStakeAndShowsTheirNumbers() throws Exception {
        TestWallet wallet = harness.freshWallet(101_000);
        harness.open("/brains");
        harness.click("connect-wallet");
        wallet.approveNext("eth_requestAccounts");
        String next = harness.waitForText(By.id("next-number"), "#").substring(1);
        String freeBefore = harness.waitFor(By.id("count-free")).getText();

        harness.click("acquire-burn");
        wallet.approveNext("eth_sendTransaction"); // approve exactly the burn price
        wallet.approveNext("eth_sendTransaction"); // acquireByBurn
        String burned = harness.waitForText(By.id("acquired-brain"), "#").substring(1);
        assertThat(burned).isEqualTo(next);
        assertThat(ownerOf(Long.parseLong(burned))).isEqualToIgnoringCase(wallet.address());
        harness.waitForText(By.id("count-burn"), "1");
        assertThat(harness.waitFor(By.id("count-free")).getText()).isEqualTo(String.valueOf(Integer.parseInt(freeBefore) - 1));
        // the price rose by one step (200 PEPE) for the next burn
        assertThat(harness.waitForText(By.id("burn-price"), "1,200 PEPE")).isEqualTo("1,200 PEPE");

        harness.click("acquire-stake");
        wallet.approveNext("eth_sendTransaction");
        wallet.approveNext("eth_sendTransaction");
        String staked = harness.waitForText(By.id("acquired-brain"), "#" + (Long.parseLong(burned) + 1)).substring(1);
        assertThat(ownerOf(Long.parseLong(staked))).isEqualToIgnoringCase(wallet.address());
        harness.waitForText(By.id("count-stake"), "1");
        assertThat(harness.browser.driver.findElement(By.cssSelector("[data-number='" + staked + "']")).getAttribute("data-state"))
                .isEqualTo("stake");
        harness.browser.screenshot("brains");
    }

    @Test
    void aWalletWithoutEnoughPepeIsToldWhatItLacksAndAskedToSignNothing() throws Exception {
        TestWallet wallet = harness.freshWallet(0);
        harness.open("/brains");
        harness.click("connect-wallet");
        wallet.approveNext("eth_requestAccounts");
        String price = harness.waitForText(By.id("burn-price"), "PEPE").replace(" PEPE", "");

        harness.click("acquire-burn");
        String status = harness.status("cannot acquire");
        // the CLI's words for PortalInsufficientPepe (besu-chain/client PortalErrors)
        assertThat(status).isEqualTo("cannot acquire a Brain by burn: wallet " + Keys.toChecksumAddress(wallet.address())
                + " holds 0 PEPE, it needs " + price + " PEPE");
        assertThat(wallet.nothingWaiting()).as("no signature asked for a doomed acquisition").isTrue();
        harness.browser.screenshot("brains-not-enough-pepe");
    }

    @Test
    void aRejectedSignatureLeavesThePageUsable() throws Exception {
        TestWallet wallet = harness.freshWallet(5_000);
        harness.open("/brains");
        harness.click("connect-wallet");
        wallet.approveNext("eth_requestAccounts");

        harness.click("acquire-burn");
        wallet.rejectNext("eth_sendTransaction");
        assertThat(harness.status("declined")).isEqualTo("cannot acquire a Brain by burn: you declined the request in your wallet; nothing was sent");

        // the same button works again, and this time the user approves both steps
        harness.click("acquire-burn");
        wallet.approveNext("eth_sendTransaction");
        wallet.approveNext("eth_sendTransaction");
        String number = harness.waitForText(By.id("acquired-brain"), "#").substring(1);
        assertThat(ownerOf(Long.parseLong(number))).isEqualToIgnoringCase(wallet.address());
    }

    @Test
    void aWalletOnAnotherChainIsOfferedTheSwitch() throws Exception {
        Credentials user = Credentials.create(Keys.createEcKeyPair());
        TestWallet wallet = harness.wallet(user, 1); // Ethereum mainnet: not this deployment's chain
        harness.open("/brains");
        harness.click("connect-wallet");
        wallet.approveNext("eth_requestAccounts");
        assertThat(harness.waitFor(By.id("wrong-chain")).getText()).contains("chain 1").contains("chain " + harness.ethereumChainId());
        harness.browser.screenshot("brains-wrong-chain");

        // a write is refused before the wallet is asked
        harness.click("acquire-burn");
        assertThat(harness.status("switch your wallet")).contains("chain " + harness.ethereumChainId());

        // the wallet has never heard of the devnet: the switch fails with 4902 and the page adds the chain (its node's URL)
        wallet.forget(harness.ethereumChainId());
        harness.click("switch-chain");
        wallet.approveNext("wallet_switchEthereumChain");
        wallet.approveNext("wallet_addEthereumChain");
        harness.status("Wallet switched");
        assertThat(harness.browser.driver.findElements(By.id("wrong-chain"))).allMatch(e -> !e.isDisplayed());
        assertThat(harness.waitFor(By.id("wallet-account")).getText()).contains("Ethereum");
    }

    @Test
    void aPausedPortalIsReportedAsTheCliReportsIt() throws Exception {
        TestWallet wallet = harness.freshWallet(2_000);
        BrainPortal admin = BrainPortal.load(harness.chains.manifest.ethereum().require("BrainPortal"), harness.chains.ethereum.web3j(),
                new TxManager(harness.chains.ethereum, BasedChainFixture.ADMIN, ChainSession.reverts()), TxManager.WRAPPER_GAS);
        admin.pause().send();
        try {
            harness.open("/brains");
            harness.click("connect-wallet");
            wallet.approveNext("eth_requestAccounts");
            harness.click("acquire-burn");
            assertThat(harness.status("cannot acquire")).isEqualTo("cannot acquire a Brain by burn: the portal is paused by its guardian");
            assertThat(wallet.nothingWaiting()).isTrue();
        } finally {
            admin.unpause().send();
        }
    }

    private static String ownerOf(long brainId) throws Exception {
        BrainNFT nft = BrainNFT.load(harness.chains.manifest.ethereum().require("BrainNFT"), harness.chains.ethereum.web3j(),
                new ReadonlyTransactionManager(harness.chains.ethereum.web3j(), "0x0000000000000000000000000000000000000001"),
                new DefaultGasProvider());
        return nft.ownerOf(BigInteger.valueOf(brainId)).send();
    }
}
