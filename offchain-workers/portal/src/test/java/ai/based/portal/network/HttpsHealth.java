package ai.based.portal.network;

import ai.based.service.EndpointSettings;
import ai.based.service.HttpEndpoint;
import ai.based.service.PeriodicService;
import ai.based.service.StreamingRoutes;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A miner's /health as the portal meets it: HTTPS with a self-signed certificate (made by keytool), counting checks. */
final class HttpsHealth implements AutoCloseable {
    private static final char[] PASSWORD = "test-only".toCharArray();

    private final HttpEndpoint endpoint;
    private final byte[] certificateSha256;
    private final AtomicInteger checks;

    private HttpsHealth(HttpEndpoint endpoint, byte[] certificateSha256, AtomicInteger checks) {
        this.endpoint = endpoint;
        this.certificateSha256 = certificateSha256;
        this.checks = checks;
    }

    static HttpsHealth start(Path keyStore) throws Exception {
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "miner", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test miner",
                "-validity", "2", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) throw new IllegalStateException("keytool: " + output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(store.getCertificate("miner").getEncoded());
        AtomicInteger checks = new AtomicInteger();
        HttpEndpoint endpoint = HttpEndpoint.start("127.0.0.1", 0, () -> {
            checks.incrementAndGet();
            return new PeriodicService.Health("miner", PeriodicService.State.RUNNING, 1, 0, null);
        }, JsonObject::new, (request, body) -> false, EndpointSettings.tls(keyStore, PASSWORD, 65_536, StreamingRoutes.NONE));
        return new HttpsHealth(endpoint, hash, checks);
    }

    String url() {
        return "https://127.0.0.1:" + endpoint.port();
    }

    byte[] certificateSha256() {
        return certificateSha256.clone();
    }

    int checks() {
        return checks.get();
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
