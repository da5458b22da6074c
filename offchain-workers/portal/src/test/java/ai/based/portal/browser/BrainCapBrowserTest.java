package ai.based.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.deployment.BasedChainFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A deployment capped at 9 active Brains (8 reserved): the last one is acquired through the page, then the cap shows. */
@Tag("devnet")
class BrainCapBrowserTest {
    static PortalHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PortalHarness.start(() -> BasedChainFixture.yearOneWithBrainCap(9));
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void theCapIsShownAndAnAcquisitionPastItIsRefusedWithTheCliReason() throws Exception {
        TestWallet wallet = harness.freshWallet(5_000);
        harness.open("/brains");
        harness.click("connect-wallet");
        wallet.approveNext("eth_requestAccounts");
        assertThat(harness.waitForText(By.id("active-brains"), "of 9")).isEqualTo("8 of 9");

        harness.click("acquire-burn");
        wallet.approveNext("eth_sendTransaction");
        wallet.approveNext("eth_sendTransaction");
        harness.waitForText(By.id("acquired-brain"), "#7");
        assertThat(harness.waitForText(By.id("next-number"), "cap")).isEqualTo("none: the cap is reached");

        harness.click("acquire-burn");
        assertThat(harness.status("cannot acquire"))
                .isEqualTo("cannot acquire a Brain by burn: all 9 Brains are active; one must be deactivated first");
        assertThat(wallet.nothingWaiting()).as("nothing to sign past the cap").isTrue();
        harness.browser.screenshot("brains-cap-reached");
    }
}
