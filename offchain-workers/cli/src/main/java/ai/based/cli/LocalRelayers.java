package ai.based.cli;

import ai.based.relayer.Failpoints;
import ai.based.bridge.MessengerEnd;
import ai.based.relayer.RelayerService;
import ai.based.relayer.RelayerStore;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The devnet's three relayers as services in this process (for the demo and the bridge benchmark): a 2-of-3 quorum
 * exchanging attestations over HTTP on loopback, each passing every 100 ms. An automining devnet makes blocks only
 * for transactions, so {@link #await} mines the blocks a live chain would bring.
 */
public final class LocalRelayers implements AutoCloseable {
    /** The devnet confirmation depth. */
    public static final long DEVNET_CONFIRMATIONS = 2;
    private static final Duration PASS = Duration.ofMillis(100);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final List<RelayerService> relayers = new ArrayList<>();
    private final ScheduledExecutorService passes = Executors.newScheduledThreadPool(3, r -> {
        Thread t = new Thread(r, "demo-relayer");
        t.setDaemon(true);
        return t;
    });
    private final List<ChainNode> chains;

    public LocalRelayers(EthereumSession ethereum, BasedSession basedai, Path stateDir, long confirmations, Consumer<String> progress)
            throws Exception {
        chains = List.of(ethereum.node(), basedai.node());
        List<Integer> accounts = BridgeOptions.DEVNET_RELAYER_ACCOUNTS;
        // one state directory per deployment: a devnet recreated from scratch starts its relayers afresh
        String deployment = Integer.toHexString(MessengerEnd.ethereum(ethereum).fingerprint().hashCode());
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) ports.add(freePort());
        for (int i = 0; i < accounts.size(); i++) {
            List<URI> peers = new ArrayList<>();
            for (int j = 0; j < ports.size(); j++) if (j != i) peers.add(URI.create("http://127.0.0.1:" + ports.get(j)));
            Path dir = Files.createDirectories(stateDir.resolve(deployment).resolve(Integer.toString(i)));
            int index = i;
            RelayerService relayer = new RelayerService(DevAccounts.account(accounts.get(i)), MessengerEnd.ethereum(ethereum),
                    MessengerEnd.basedai(basedai), peers, new RelayerStore(dir), confirmations, Failpoints.none(),
                    line -> progress.accept("relayer " + index + ": " + line));
            relayer.serve(ports.get(i));
            relayers.add(relayer);
        }
        for (RelayerService relayer : relayers) {
            passes.scheduleWithFixedDelay(() -> {
                try {
                    relayer.step();
                } catch (Exception e) {
                    relayer.recordFailure(e.getMessage());
                }
            }, 0, PASS.toMillis(), TimeUnit.MILLISECONDS);
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
        passes.shutdownNow();
        try {
            passes.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relayers.forEach(RelayerService::close);
    }
}
