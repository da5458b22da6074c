package ai.based.service;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How an {@link HttpEndpoint} serves beyond plain HTTP: TLS from a PKCS#12 key store, the largest WebSocket message
 * it reassembles, and the routes that see a request before its body is read.
 *
 * @param tlsKeyStore a PKCS#12 file holding the server's key and certificate; empty for plain HTTP
 * @param maxWebSocketMessage the largest WebSocket message (and frame) accepted, in bytes
 */
public record EndpointSettings(Optional<Path> tlsKeyStore, char[] tlsPassword, int maxWebSocketMessage, StreamingRoutes streaming) {
    public static final EndpointSettings PLAIN = new EndpointSettings(Optional.empty(), new char[0], 65_536, StreamingRoutes.NONE);

    public static EndpointSettings tls(Path keyStore, char[] password, int maxWebSocketMessage, StreamingRoutes streaming) {
        return new EndpointSettings(Optional.of(keyStore), password.clone(), maxWebSocketMessage, streaming);
    }

    HttpServerOptions apply(HttpServerOptions options) {
        options.setMaxWebSocketFrameSize(maxWebSocketMessage).setMaxWebSocketMessageSize(maxWebSocketMessage);
        tlsKeyStore.ifPresent(path -> options.setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(path.toString()).setPassword(new String(tlsPassword))));
        return options;
    }
}
