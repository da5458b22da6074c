package ai.based.portal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The built front end from the jar (classpath portal-web/). Only names of letters, digits, '-', '_', '.' and '/' are
 * looked up, never one with "..": no path leaves the folder. A path without a file extension is one of the app's own
 * routes and gets index.html (the page's router draws it). Vite's hashed assets are cached for a year; index.html is
 * revalidated each time so a new build shows at once.
 */
final class StaticFiles {
    static final String ROOT = "portal-web/";
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./-]{0,200}");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("map", "application/json"));

    private final Map<String, Buffer> cache = new ConcurrentHashMap<>();

    boolean handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) return false;
        String path = request.path();
        if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..") || path.contains("//")) {
            request.response().setStatusCode(400).end("bad path");
            return true;
        }
        String name = path.equals("/") || extension(path).isEmpty() ? "index.html" : path.substring(1);
        Optional<Buffer> file = read(name);
        if (file.isEmpty() && name.equals("index.html")) {
            request.response().setStatusCode(503).end("the portal was built without its front end (portal-web/index.html)");
            return true;
        }
        if (file.isEmpty()) return false;
        String type = extension(name).map(TYPES::get).orElse("application/octet-stream");
        String cache = name.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
        request.response().putHeader("content-type", type).putHeader("cache-control", cache)
                .putHeader("x-content-type-options", "nosniff");
        if (name.equals("index.html")) {
            // no framing by other sites; scripts and connections only to this origin (the page talks to its portal)
            request.response().putHeader("content-security-policy", "default-src 'self'; frame-ancestors 'none'; "
                    + "img-src 'self' data:; style-src 'self' 'unsafe-inline'");
        }
        if (request.method() == HttpMethod.HEAD) request.response().putHeader("content-length", String.valueOf(file.get().length())).end();
        else request.response().end(file.get());
        return true;
    }

    /** Found files are kept (the jar does not change under a running portal); misses are not, so probes cost no memory. */
    private Optional<Buffer> read(String name) {
        Buffer known = cache.get(name);
        if (known != null) return Optional.of(known);
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) return Optional.empty();
            Buffer file = Buffer.buffer(in.readAllBytes());
            cache.put(name, file);
            return Optional.of(file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> extension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash && dot < name.length() - 1 ? Optional.of(name.substring(dot + 1)) : Optional.empty();
    }
}
