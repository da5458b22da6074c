package ai.based.cli.fhe;

import ai.based.client.InvalidInputException;
import ai.based.fhe.io.KeySetId;
import ai.based.fhe.io.MalformedInputException;
import ai.based.client.wallet.WrongPasswordException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CKKS secret key sealed with the user's password, format 2: "BSKF", version, KDF (1 = PBKDF2-HMAC-SHA256),
 * iterations, salt length and salt, AES-256-GCM nonce, the key-set id, then the sealed key. The whole header is
 * the GCM associated data, so a changed iteration count or key-set id fails like a wrong password. Format 1 (salt,
 * nonce and sealed key with nothing to say how they were made) is refused with what to do.
 */
final class SecretKeyFile {
    /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256. */
    static final int ITERATIONS = 600_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int MAGIC = 0x42534B46; // "BSKF"
    private static final byte VERSION = 2;
    private static final byte PBKDF2_HMAC_SHA256 = 1;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;

    /** The header fields, as read from a file. */
    record Header(int iterations, byte[] salt, byte[] nonce, KeySetId keySet, int length) {}

    private SecretKeyFile() {}

    static byte[] seal(byte[] secretKey, KeySetId keySet, String password) {
        requirePassword(password);
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(4 + 1 + 1 + 4 + 1 + SALT_BYTES + NONCE_BYTES + KeySetId.BYTES);
        header.putInt(MAGIC).put(VERSION).put(PBKDF2_HMAC_SHA256).putInt(ITERATIONS).put((byte) SALT_BYTES).put(salt).put(nonce)
                .put(keySet.bytes());
        byte[] head = header.array();
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, password, ITERATIONS, salt, nonce, head, secretKey);
        byte[] file = Arrays.copyOf(head, head.length + sealed.length);
        System.arraycopy(sealed, 0, file, head.length, sealed.length);
        return file;
    }

    /** The serialized secret key, or a WrongPasswordException when the password (or the header) is not the one it was sealed with. */
    static byte[] open(byte[] file, String password) {
        Header header = header(file);
        byte[] head = Arrays.copyOf(file, header.length());
        byte[] sealed = Arrays.copyOfRange(file, header.length(), file.length);
        return crypt(Cipher.DECRYPT_MODE, password, header.iterations(), header.salt(), header.nonce(), head, sealed);
    }

    /** Reads and checks the header without the password: the key-set id is needed before the password is asked. */
    static Header header(byte[] file) {
        try {
            ByteBuffer in = ByteBuffer.wrap(file);
            if (file.length < 4 || in.getInt() != MAGIC) {
                throw new MalformedInputException("not a secret-key file of format 2: an older based wrote it (format 1, "
                        + "without a version or KDF parameters) or it is damaged; make new keys with 'based fhe keygen --force'");
            }
            byte version = in.get();
            if (version != VERSION) throw new MalformedInputException("secret-key file format " + version + " is not readable by this based (it reads " + VERSION + ")");
            byte kdf = in.get();
            if (kdf != PBKDF2_HMAC_SHA256) throw new MalformedInputException("unknown key-derivation function " + kdf + " in the secret-key file");
            int iterations = in.getInt();
            if (iterations < ITERATIONS || iterations > MAX_ITERATIONS) {
                throw new MalformedInputException("the secret-key file asks for " + iterations + " PBKDF2 iterations, outside "
                        + ITERATIONS + ".." + MAX_ITERATIONS + ": damaged or not written by based");
            }
            int saltLength = in.get();
            if (saltLength < SALT_BYTES || saltLength > 64) throw new MalformedInputException("salt of " + saltLength + " bytes in the secret-key file");
            byte[] salt = new byte[saltLength];
            in.get(salt);
            byte[] nonce = new byte[NONCE_BYTES];
            in.get(nonce);
            byte[] keySet = new byte[KeySetId.BYTES];
            in.get(keySet);
            if (in.remaining() < 16) throw new MalformedInputException("the secret-key file is truncated");
            return new Header(iterations, salt, nonce, KeySetId.of(keySet), in.position());
        } catch (BufferUnderflowException e) {
            throw new MalformedInputException("the secret-key file is truncated");
        }
    }

    static void requirePassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("the password of the CKKS secret key must not be empty: nothing was written");
        }
    }

    private static byte[] crypt(int mode, String password, int iterations, byte[] salt, byte[] nonce, byte[] header, byte[] data) {
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] key = factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(header);
            return cipher.doFinal(data);
        } catch (AEADBadTagException e) {
            throw WrongPasswordException.opening("the CKKS secret key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " the secret key: " + e.getMessage(), e);
        }
    }
}
