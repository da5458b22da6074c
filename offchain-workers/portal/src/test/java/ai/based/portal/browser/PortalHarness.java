package ai.based.portal.browser;

import ai.based.client.manifest.Manifest;
import ai.based.deployment.BasedChainFixture;
import ai.based.portal.PortalService;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.web3j.crypto.Credentials;

/**
 * What a browser test class shares: both devnets with everything deployed, a portal serving that deployment, and one
 * headless Chromium. Create it in @BeforeAll and close it in @AfterAll (one browser per test class).
 */
public final class PortalHarness implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);

    public final BasedChainFixture chains;
    public final PortalService portal;
    public final Chromium browser;
    private TestWallet wallet;

    private PortalHarness(BasedChainFixture chains, PortalService portal, Chromium browser) {
        this.chains = chains;
        this.portal = portal;
        this.browser = browser;
    }

    public static PortalHarness start() throws Exception {
        return start(BasedChainFixture::yearOne);
    }

    /** Devnets of the test's choosing (e.g. {@code () -> BasedChainFixture.yearOneWithBrainCap(9)}). */
    public static PortalHarness start(Devnets devnets) throws Exception {
        Chromium browser = Chromium.start(); // first: a missing browser fails before devnets start
        BasedChainFixture chains = null;
        try {
            chains = devnets.start();
            Manifest manifest = chains.manifest;
            PortalService portal = PortalService.start("127.0.0.1", 0, "test", () -> manifest);
            return new PortalHarness(chains, portal, browser);
        } catch (Exception | Error e) {
            browser.close();
            if (chains != null) chains.close();
            throw e;
        }
    }

    /** How a test class gets its devnets. */
    @FunctionalInterface
    public interface Devnets {
        BasedChainFixture start() throws Exception;
    }

    /**
     * A wallet holding {@code key}, on {@code chainId} (which may be a chain the deployment lacks: a wrong network),
     * in place of the previous test's wallet. Open a page after this.
     */
    public TestWallet wallet(Credentials key, long chainId) {
        if (wallet != null) wallet.uninstall();
        Map<Long, String> nodes = Map.of(chains.manifest.ethereum().chainId(), chains.manifest.ethereum().rpc(),
                chains.manifest.basedai().chainId(), chains.manifest.basedai().rpc());
        wallet = TestWallet.install(browser.driver, key, nodes, chainId);
        return wallet;
    }

    /** A fresh wallet on Ethereum with gas and {@code pepe} whole PEPE from the devnet faucet. */
    public TestWallet freshWallet(long pepe) throws Exception {
        Credentials key = chains.freshEthereumWallet(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(pepe)));
        return wallet(key, ethereumChainId());
    }

    /** Clicks the element (found by id) once it is enabled. */
    public void click(String id) {
        new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The page's status line once it holds {@code text}. */
    public String status(String text) {
        return waitForText(By.cssSelector("p.status"), text);
    }

    public long ethereumChainId() {
        return chains.manifest.ethereum().chainId();
    }

    /** Opens an app path (e.g. "/brains") and waits until the page has loaded the manifest and drawn its frame. */
    public void open(String path) {
        browser.driver.get(portal.url() + path.replaceFirst("^/", ""));
        waitFor(By.cssSelector("#app[data-ready='true']"));
    }

    /**
     * Types into the control with this id once it is shown; the page redraws a list when the wallet's accounts arrive,
     * so a control found just before that is gone: it is looked up again then.
     */
    public void type(String id, String text) {
        for (int attempt = 1; ; attempt++) {
            try {
                waitFor(By.id(id)).sendKeys(text);
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (attempt == 5) throw redrawn;
            }
        }
    }

    public WebElement waitFor(By locator) {
        return new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until the element's text contains {@code text}; returns the whole text. */
    public String waitForText(By locator, String text) {
        new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
        return browser.driver.findElement(locator).getText();
    }

    @Override
    public void close() throws Exception {
        try {
            browser.close();
        } finally {
            try {
                portal.close();
            } finally {
                chains.close();
            }
        }
    }
}
