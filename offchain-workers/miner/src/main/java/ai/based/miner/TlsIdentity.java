package ai.based.miner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The miner's TLS identity: a self-signed certificate and its key in a password-protected PKCS#12 store. Clients
 * need no CA: they pin the certificate by the SHA-256 that the miner announces on chain. The store is made once with
 * the JDK's own keytool (the password passes through the environment, never the command line) and reused, so the
 * announced hash stays valid across restarts.
 */
public final class TlsIdentity {
    public static final String ALIAS = "miner";

    private final Path keyStore;
    private final char[] password;
    private final byte[] certificateSha256;

    private TlsIdentity(Path keyStore, char[] password, byte[] certificateSha256) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificateSha256 = certificateSha256;
    }

    /** Loads the store at {@code keyStore}, creating it (owner-only) when it does not exist. */
    public static TlsIdentity loadOrCreate(Path keyStore, char[] password, List<String> hostNames) throws IOException {
        if (!Files.exists(keyStore)) create(keyStore, password, hostNames);
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
                throw new IOException(keyStore + " holds no certificate named '" + ALIAS + "': move it aside and start again to make a new one");
            }
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new TlsIdentity(keyStore, password.clone(), hash);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the TLS key store " + keyStore + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new IOException("the TLS key store " + keyStore + " does not open with this wallet's password", e);
            }
            throw e;
        }
    }

    private static void create(Path keyStore, char[] password, List<String> hostNames) throws IOException {
        Files.createDirectories(keyStore.toAbsolutePath().getParent());
        Path tmp = keyStore.resolveSibling(keyStore.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        StringBuilder san = new StringBuilder("SAN=ip:127.0.0.1,dns:localhost");
        for (String host : hostNames) san.append(host.matches("[0-9.]+|.*:.*") ? ",ip:" : ",dns:").append(host);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=BasedAI miner", "-validity", "3650", "-ext", san.toString(), "-storetype", "PKCS12",
                "-keystore", tmp.toString(), "-storepass:env", "BASED_TLS_PASSWORD", "-keypass:env", "BASED_TLS_PASSWORD"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BASED_TLS_PASSWORD", new String(password));
        Process keytool = builder.start();
        try {
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IOException("keytool could not make the miner's TLS certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            keytool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the TLS certificate", e);
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the store is still protected by its password
        }
        Files.move(tmp, keyStore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public Path keyStore() {
        return keyStore;
    }

    public char[] password() {
        return password.clone();
    }

    public byte[] certificateSha256() {
        return certificateSha256.clone();
    }
}
