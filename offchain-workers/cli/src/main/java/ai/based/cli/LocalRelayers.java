package ai.based.cli;

import ai.based.relayer.Failpoints;
import ai.based.bridge.MessengerEnd;
import ai.based.relayer.RelayerService;
import ai.based.relayer.RelayerStore;
import ai.based.service.PeriodicService;
import ai.based.chain.ChainNode;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.deployment.BridgeOptions;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The devnet's three relayers as services in this process (for the demo and the bridge benchmark): a 2-of-3 quorum
 * exchanging attestations over HTTP on loopback, each passing every 100 ms, on the same service core and failure
 * policy as {@code based relayer start}. An automining devnet makes blocks only
 * for transactions, so {@link #await} mines the blocks a live chain would bring.
 */
public final class LocalRelayers implements AutoCloseable {
    /** The devnet confirmation depth. */
    public static final long DEVNET_CONFIRMATIONS = 2;
    private static final Duration PASS = Duration.ofMillis(100);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final List<RelayerService> relayers = new ArrayList<>();
    private final List<PeriodicService> services = new ArrayList<>();
    private final List<ChainNode> chains;

    public LocalRelayers(EthereumSession ethereum, BasedSession basedai, Path stateDir, long confirmations, Consumer<String> progress)
            throws Exception {
        chains = List.of(ethereum.node(), basedai.node());
        List<Integer> accounts = BridgeOptions.DEVNET_RELAYER_ACCOUNTS;
        // one state directory per deployment: a devnet recreated from scratch starts its relayers afresh
        String deployment = Integer.toHexString(MessengerEnd.ethereum(ethereum).fingerprint().hashCode());
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) ports.add(freePort());
        try {
            for (int i = 0; i < accounts.size(); i++) {
                List<URI> peers = new ArrayList<>();
                for (int j = 0; j < ports.size(); j++) if (j != i) peers.add(URI.create("http://127.0.0.1:" + ports.get(j)));
                Path dir = Files.createDirectories(stateDir.resolve(deployment).resolve(Integer.toString(i)));
                int index = i;
                RelayerStore store = new RelayerStore(dir);
                RelayerService relayer;
                try {
                    relayer = RelayerService.open(DevAccounts.account(accounts.get(i)), MessengerEnd.ethereum(ethereum),
                            MessengerEnd.basedai(basedai), peers, store, confirmations, Failpoints.none(),
                            line -> progress.accept("relayer " + index + ": " + line));
                } catch (Exception | Error e) {
                    store.close();
                    throw e;
                }
                relayers.add(relayer);
                services.add(relayer.service("relayer-" + i, PASS, ports.get(i)));
            }
            for (PeriodicService service : services) service.start().get();
        } catch (Exception | Error e) {
            close(); // a relayer that failed to start must not leave the others running with nobody to stop them
            throw e;
        }
    }

    public int count() {
        return relayers.size();
    }

    /** Waits until {@code delivered} holds, mining a block on each chain now and then as a live chain would. */
    public void await(String what, BooleanSupplier delivered) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (!delivered.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relayers did not deliver " + what + " within " + DELIVERY_TIMEOUT.toSeconds()
                        + " s; their /metrics: " + relayers.stream().map(r -> r.metricsJson().encode()).toList());
            }
            for (ChainNode chain : chains) DevnetClock.mine(chain, 1);
            Thread.sleep(PASS.toMillis());
        }
    }

    /** Each relayer's /metrics, for a report. */
    public List<String> metrics() {
        return relayers.stream().map(r -> r.metricsJson().encode()).toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = services.stream().map(PeriodicService::stop).toList();
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a relayer that does not stop in time is a daemon thread: it dies with the JVM
        }
    }
}
