package ai.based.cli.fhe;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.client.wallet.WrongPasswordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's CKKS key directory: the parameter set's name, the public and evaluation keys in the clear (a miner
 * needs them), and the secret key encrypted with the user's password (PBKDF2-HMAC-SHA256, AES-256-GCM).
 */
final class KeyDirectory {
    static final String PARAMS = "params";
    static final String SECRET = "secret.key.enc";
    static final String PUBLIC = "public.key";
    static final String RELIN = "relin.key";
    private static final int ITERATIONS = 310_000;

    private final Path dir;

    KeyDirectory(Path dir) {
        this.dir = dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Parameters parameters() {
        return Parameters.create(ParameterSets.byName(read(PARAMS, "the parameter set").strip()));
    }

    void writeSecret(Serializer serializer, SecretKey sk, String password) throws IOException {
        byte[] salt = new byte[16];
        byte[] iv = new byte[12];
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, password, salt, iv, serializer.write(sk));
        byte[] file = new byte[salt.length + iv.length + sealed.length];
        System.arraycopy(salt, 0, file, 0, 16);
        System.arraycopy(iv, 0, file, 16, 12);
        System.arraycopy(sealed, 0, file, 28, sealed.length);
        Files.write(file(SECRET), file);
        Files.setPosixFilePermissions(file(SECRET), PosixFilePermissions.fromString("rw-------"));
    }

    SecretKey readSecret(Serializer serializer, String password) {
        byte[] file = bytes(SECRET, "the secret key");
        if (file.length < 28 + 16) throw new IllegalArgumentException(file(SECRET) + " is not an encrypted secret key");
        byte[] salt = java.util.Arrays.copyOfRange(file, 0, 16);
        byte[] iv = java.util.Arrays.copyOfRange(file, 16, 28);
        byte[] sealed = java.util.Arrays.copyOfRange(file, 28, file.length);
        return serializer.readSecretKey(crypt(Cipher.DECRYPT_MODE, password, salt, iv, sealed));
    }

    byte[] bytes(String name, String what) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " from " + file(name) + " (run 'based fhe keygen --keys " + dir + "')");
        }
    }

    String read(String name, String what) {
        return new String(bytes(name, what), java.nio.charset.StandardCharsets.UTF_8);
    }

    void write(String name, byte[] content) {
        try {
            Files.createDirectories(dir);
            Files.write(file(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name), e);
        }
    }

    private static byte[] crypt(int mode, String password, byte[] salt, byte[] iv, byte[] data) {
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] key = factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            return cipher.doFinal(data);
        } catch (javax.crypto.AEADBadTagException e) {
            throw WrongPasswordException.opening("the CKKS secret key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " the secret key: " + e.getMessage(), e);
        }
    }
}
