package ai.based.portal.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * A browser test class whose tests share one harness (both devnets deployed, a portal, one headless Chromium), started
 * before the first test and closed after the last. Test classes run one after another, so the field is theirs in turn.
 */
@Tag("devnet")
abstract class PortalBrowserTest {
    static PortalHarness harness;

    @BeforeAll
    static void startHarness() throws Exception {
        harness = PortalHarness.start();
    }

    @AfterAll
    static void stopHarness() throws Exception {
        if (harness != null) harness.close();
        harness = null;
    }
}
