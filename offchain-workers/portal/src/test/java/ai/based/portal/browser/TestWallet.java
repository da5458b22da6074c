package ai.based.portal.browser;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The test's side of the injected wallet (test-wallet.js): it takes the requests a user would confirm, in the order
 * the page made them, and approves them (signing with a devnet key, sending the raw transaction to the node itself
 * as a wallet does) or rejects them with code 4001. The page never sees the key.
 */
public final class TestWallet {
    public static final int USER_REJECTED = 4001;
    public static final int UNKNOWN_CHAIN = 4902;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Credentials key;
    private final Map<Long, String> nodes;
    private final Deque<WalletRequest> waiting = new ArrayDeque<>();
    private final java.util.Set<Long> known;
    private String scriptId;
    private long chainId;
    private boolean connected;

    private TestWallet(ChromeDriver driver, Credentials key, Map<Long, String> nodes, long chainId) {
        this.driver = driver;
        this.key = key;
        this.nodes = Map.copyOf(nodes);
        this.known = new java.util.HashSet<>(nodes.keySet());
        this.chainId = chainId;
    }

    /**
     * Adds the wallet to every page the browser opens from now on. {@code nodes}: the chains this wallet knows (chain
     * id to node URL); it starts on {@code chainId}, which may be one it does not know (a wrong network).
     */
    public static TestWallet install(ChromeDriver driver, Credentials key, Map<Long, String> nodes, long chainId) {
        String script = script().replace("__CHAIN_ID__", Long.toString(chainId)).replace("__ADDRESS__", key.getAddress());
        TestWallet wallet = new TestWallet(driver, key, nodes, chainId);
        wallet.scriptId = (String) driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script))
                .get("identifier");
        return wallet;
    }

    /** Takes the wallet out of pages opened from now on (the next test installs its own). */
    public void uninstall() {
        driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", scriptId));
    }

    /** True when the page has asked for nothing that waits for the user (checked without taking anything). */
    public boolean nothingWaiting() {
        poll();
        return waiting.isEmpty();
    }

    public String address() {
        return key.getAddress();
    }

    /** The wallet's key, for a test's own setup outside the page (e.g. acquiring a Brain directly). */
    public Credentials credentials() {
        return key;
    }

    /** Waits for the page's next request of this method (earlier ones of other methods stay queued, in order). */
    public WalletRequest next(String method) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            poll();
            for (WalletRequest request : waiting) {
                if (request.method().equals(method)) {
                    waiting.remove(request);
                    return request;
                }
            }
            sleep();
        }
        throw new AssertionError("the page asked the wallet for no " + method + " within " + WAIT.toSeconds()
                + " s; waiting requests: " + waiting.stream().map(WalletRequest::method).toList());
    }

    public void approveNext(String method) throws Exception {
        approve(next(method));
    }

    public void rejectNext(String method) {
        reject(next(method));
    }

    /** Does what a user's "confirm" does for the request, and answers the page. */
    public void approve(WalletRequest request) throws Exception {
        switch (request.method()) {
            case "eth_requestAccounts" -> {
                connected = true;
                saveState();
                resolve(request, List.of(key.getAddress()));
                emit("accountsChanged", List.of(key.getAddress()));
            }
            case "eth_sendTransaction" -> resolve(request, send(param(request)));
            case "wallet_switchEthereumChain" -> {
                long wanted = Numeric.toBigInt((String) param(request).get("chainId")).longValueExact();
                if (!known.contains(wanted)) {
                    rejectWith(request, UNKNOWN_CHAIN, "Unrecognized chain ID " + wanted + ". Try adding the chain using wallet_addEthereumChain first.");
                    return;
                }
                switchTo(wanted);
                resolve(request, null);
            }
            case "wallet_addEthereumChain" -> {
                // as MetaMask: adding a chain switches to it; the node must be the one given
                Map<String, Object> chain = param(request);
                long wanted = Numeric.toBigInt((String) chain.get("chainId")).longValueExact();
                Object rpcUrls = chain.get("rpcUrls");
                if (!nodes.containsKey(wanted) || !(rpcUrls instanceof List<?> urls) || !urls.contains(nodes.get(wanted))) {
                    throw new AssertionError("the page asked to add chain " + wanted + " with " + rpcUrls + "; its node is " + nodes.get(wanted));
                }
                known.add(wanted);
                switchTo(wanted);
                resolve(request, null);
            }
            default -> throw new AssertionError("the test wallet cannot approve " + request.method());
        }
    }

    /** What a user's "reject" does: the page gets EIP-1193 error 4001. */
    public void reject(WalletRequest request) {
        rejectWith(request, USER_REJECTED, "User rejected the request.");
    }

    /** The wallet no longer knows this chain (a switch to it fails with 4902 until the page adds it). */
    public void forget(long chain) {
        known.remove(chain);
    }

    /** The user changes the network in the wallet (the page hears chainChanged). */
    public void switchTo(long chain) {
        chainId = chain;
        saveState();
        emit("chainChanged", "0x" + Long.toHexString(chain));
    }

    private String send(Map<String, Object> tx) throws IOException {
        String node = nodes.get(chainId);
        if (node == null) throw new AssertionError("the wallet is on chain " + chainId + ", which it has no node for");
        Web3j web3j = Web3j.build(new HttpService(node));
        try {
            BigInteger nonce = web3j.ethGetTransactionCount(key.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
            BigInteger gas = tx.get("gas") instanceof String g ? Numeric.toBigInt(g) : BigInteger.valueOf(3_000_000);
            BigInteger value = tx.get("value") instanceof String v ? Numeric.toBigInt(v) : BigInteger.ZERO;
            String data = tx.get("data") instanceof String d ? d : "0x";
            RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, gas, (String) tx.get("to"), value, data,
                    BigInteger.ONE, gasPrice.multiply(BigInteger.TWO).add(BigInteger.ONE));
            String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, key));
            EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
            if (sent.hasError()) throw new AssertionError("the node refused the wallet's transaction: " + sent.getError().getMessage());
            return sent.getTransactionHash();
        } finally {
            web3j.shutdown();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> param(WalletRequest request) {
        return (Map<String, Object>) request.params().getFirst();
    }

    @SuppressWarnings("unchecked")
    private void poll() {
        Object taken = driver.executeScript("return window.__testWallet ? window.__testWallet.queue.splice(0) : [];");
        for (Object entry : (List<Object>) taken) {
            Map<String, Object> request = (Map<String, Object>) entry;
            waiting.add(new WalletRequest(((Number) request.get("id")).longValue(), (String) request.get("method"),
                    (List<Object>) request.get("params")));
        }
    }

    private void saveState() {
        driver.executeScript("window.__testWallet && window.__testWallet.setState({chainId: arguments[0], accounts: arguments[1]});",
                chainId, connected ? List.of(key.getAddress()) : List.of());
    }

    private void resolve(WalletRequest request, Object result) {
        driver.executeScript("window.__testWallet.resolve(arguments[0], arguments[1]);", request.id(), result);
    }

    private void rejectWith(WalletRequest request, int code, String message) {
        driver.executeScript("window.__testWallet.reject(arguments[0], arguments[1], arguments[2]);", request.id(), code, message);
    }

    private void emit(String event, Object value) {
        driver.executeScript("window.__testWallet.emit(arguments[0], arguments[1]);", event, value);
    }

    private static String script() {
        try (InputStream in = TestWallet.class.getResourceAsStream("test-wallet.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the page");
        }
    }
}
