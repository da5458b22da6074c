package ai.based.service;

import io.vertx.core.http.HttpConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the connections an endpoint holds open, in all and per remote address, so that one client opening connection
 * after connection (or keeping them open with a byte now and then) cannot use up the service's sockets and memory
 * for everyone else. A connection over either cap is closed as it arrives; idle ones close after the endpoint's idle
 * timeout anyway. Loopback addresses share only the total cap: on a devnet every process of the network is one local
 * address (tests and demos open many short-lived clients), and a local client is already on the machine.
 */
final class ConnectionLimit {
    /** Far above what a miner's sessions, a validator and a portal's page need; far below the process's descriptors. */
    static final int MAX_CONNECTIONS = 512;
    /** For one remote (non-loopback) address. */
    static final int MAX_PER_ADDRESS = 64;

    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    ConnectionLimit(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts the connection in, or closes it when a cap is reached; its close counts it out. */
    void admit(HttpConnection connection) {
        String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
        AtomicInteger fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        int total = open.incrementAndGet();
        int mine = fromAddress.incrementAndGet();
        connection.closeHandler(v -> release(address, fromAddress));
        if (total > maxConnections || (mine > maxPerAddress && !loopback(address))) {
            refused.incrementAndGet();
            connection.close();
        }
    }

    private static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }

    private void release(String address, AtomicInteger fromAddress) {
        open.decrementAndGet();
        if (fromAddress.decrementAndGet() == 0) perAddress.remove(address, fromAddress);
    }

    int open() {
        return open.get();
    }

    /** Connections closed on arrival because a cap was reached, since the endpoint started. */
    int refused() {
        return refused.get();
    }
}
