package ai.based.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** The portal in a real Chromium on real devnets: the page loads the deployment, reads the chain, and a wallet connects. */
class PortalSmokeBrowserTest extends PortalBrowserTest {
    @Test
    void thePageLoadsReadsTheChainAndConnectsAWallet() throws Exception {
        Credentials user = Credentials.create(Keys.createEcKeyPair());
        TestWallet wallet = harness.wallet(user, harness.ethereumChainId());
        harness.open("/brains");

        // the burn price is read from the chain through the portal's proxy: 1,000 PEPE before any Brain is burned for
        assertThat(harness.waitFor(By.id("burn-price")).getText()).isEqualTo("1,000 PEPE");
        harness.browser.driver.findElement(By.id("connect-wallet")).click();
        wallet.approveNext("eth_requestAccounts");

        String shown = harness.waitFor(By.id("wallet-account")).getText();
        assertThat(shown).startsWith(user.getAddress().substring(0, 6)).contains(user.getAddress().substring(38))
                .contains("Ethereum");
        harness.browser.screenshot("brains-connected");
    }
}
