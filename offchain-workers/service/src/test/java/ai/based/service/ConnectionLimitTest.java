package ai.based.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One remote address cannot hold more than its share; loopback shares only the total; a close frees a place. */
class ConnectionLimitTest {
    /** A connection from {@code host} that records its close and runs the close handler as Vert.x would. */
    private static final class FakeConnection {
        boolean closed;
        Handler<Void> onClose;
        final HttpConnection connection;

        FakeConnection(String host) {
            connection = (HttpConnection) Proxy.newProxyInstance(HttpConnection.class.getClassLoader(), new Class<?>[] {HttpConnection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "remoteAddress" -> SocketAddress.inetSocketAddress(40_000, host);
                        case "closeHandler" -> {
                            @SuppressWarnings("unchecked")
                            Handler<Void> handler = (Handler<Void>) args[0];
                            onClose = handler;
                            yield proxy;
                        }
                        case "close" -> {
                            closed = true;
                            if (onClose != null) onClose.handle(null);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    });
        }
    }

    private static List<FakeConnection> admit(ConnectionLimit limit, String host, int count) {
        List<FakeConnection> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeConnection c = new FakeConnection(host);
            limit.admit(c.connection);
            connections.add(c);
        }
        return connections;
    }

    @Test
    void oneRemoteAddressGetsItsShareAndAnotherIsStillServed() {
        ConnectionLimit limit = new ConnectionLimit(10, 3);
        List<FakeConnection> first = admit(limit, "10.0.0.1", 4);
        assertThat(first.stream().filter(c -> c.closed)).hasSize(1);
        assertThat(limit.refused()).isEqualTo(1);
        assertThat(admit(limit, "10.0.0.2", 3)).noneMatch(c -> c.closed);
        // one of the first address's connections ends: it may open one more
        first.getFirst().connection.close();
        assertThat(admit(limit, "10.0.0.1", 1)).noneMatch(c -> c.closed);
        assertThat(limit.open()).isEqualTo(6);
    }

    @Test
    void loopbackSharesOnlyTheTotal() {
        ConnectionLimit limit = new ConnectionLimit(10, 3);
        List<FakeConnection> local = admit(limit, "127.0.0.1", 11);
        assertThat(local.stream().filter(c -> c.closed)).as("only the one over the total").hasSize(1);
        assertThat(admit(limit, "10.0.0.1", 1)).as("the total is reached for everyone").allMatch(c -> c.closed);
    }
}
