package ai.based.fhe.zkllm.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A model package named by its content, as a Brain's configuration names it on chain: {@code name@sha256:hex}, the
 * hash taken over the package's four files in a fixed order (each as its file name, a zero byte, its length as 8
 * bytes and its bytes). A miner serves only the package whose hash the chain names, and a client checks the hash the
 * miner reports against the chain, so a cheaper model cannot pass for the Brain's.
 */
public record ModelId(String name, String sha256) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String[] PARTS = {ModelPackage.TOKENIZER, ModelPackage.CONFIG, ModelPackage.WEIGHTS, ModelPackage.CARD};

    public ModelId {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("a model name is 1-64 of A-Z a-z 0-9 . _ -, not '" + name + "'");
        if (!HEX.matcher(sha256).matches()) throw new IllegalArgumentException("a model hash is 64 lowercase hex digits, not '" + sha256 + "'");
    }

    /** Parses {@code name@sha256:hex}; a bare name (as older configurations hold) is refused with what to do. */
    public static ModelId parse(String text) {
        int at = text.indexOf("@sha256:");
        if (at < 0) {
            throw new IllegalArgumentException("the model id '" + text + "' names no content hash: configure the Brain with "
                    + "'name@sha256:<hex>' ('based model show PACKAGE' prints it)");
        }
        return new ModelId(text.substring(0, at), text.substring(at + 8));
    }

    public static ModelId of(Path dir, String name) throws IOException {
        MessageDigest sha = sha256Digest();
        for (String part : PARTS) {
            Path file = dir.resolve(part);
            try (InputStream in = Files.newInputStream(file)) {
                add(sha, part, Files.size(file), in);
            }
        }
        return new ModelId(name, HexFormat.of().formatHex(sha.digest()));
    }

    /** The id of a package bundled in the jar ({@link ModelPackage#bundled}). */
    public static ModelId bundled(String name) throws IOException {
        MessageDigest sha = sha256Digest();
        for (String part : PARTS) {
            String resource = "/ai/based/fhe/zkllm/models/" + name + "/" + part;
            byte[] bytes;
            try (InputStream in = ModelId.class.getResourceAsStream(resource)) {
                if (in == null) throw new IOException("no model package '" + name + "' is bundled");
                bytes = in.readAllBytes();
            }
            add(sha, part, bytes.length, new java.io.ByteArrayInputStream(bytes));
        }
        return new ModelId(name, HexFormat.of().formatHex(sha.digest()));
    }

    private static void add(MessageDigest sha, String part, long length, InputStream in) throws IOException {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        for (int shift = 56; shift >= 0; shift -= 8) sha.update((byte) (length >>> shift));
        try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + "@sha256:" + sha256;
    }
}
