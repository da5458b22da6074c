package ai.based.client.basedai;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Which miner endpoints the registry may carry: absolute https:// URLs with a host, at most 256 bytes. */
public final class Endpoints {
    /** The registry's MAX_ENDPOINT_BYTES. */
    public static final int MAX_BYTES = 256;

    private Endpoints() {}

    /** Why {@code endpoint} is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) return Optional.of("the endpoint is empty");
        int bytes = endpoint.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) return Optional.of("the endpoint is " + bytes + " bytes, at most " + MAX_BYTES);
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return Optional.of("the endpoint is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) return Optional.of("the endpoint must be an https:// URL, got " + endpoint);
        if (uri.getHost() == null || uri.getHost().isEmpty()) return Optional.of("the endpoint names no host: " + endpoint);
        if (uri.getRawUserInfo() != null) return Optional.of("the endpoint must not carry user information: " + endpoint);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("the endpoint must not carry a query or fragment: " + endpoint);
        }
        return Optional.empty();
    }
}
