package ai.based.fhe.zkllm.diagnosis;

import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.Weights;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained diagnosis model on disk, as a directory: {@code model.safetensors} and {@code model-card.json}. Its content
 * hash (SHA-256 over each file's name, length and bytes, in that fixed order) is what a Brain names on chain and
 * what a miner and a clinic check: the same bytes give the same hash on every machine.
 */
public record DiagnosisPackage(DiagnosisModel model, DiagnosisCard card, String contentHash) {
    public static final String WEIGHTS = "model.safetensors";
    public static final String CARD = "model-card.json";
    public static final String BUNDLED = "diagnosis";
    private static final String[] PARTS = {WEIGHTS, CARD};
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The id a Brain names this package by on chain: {@code name@sha256:hex}, with this package's content hash. */
    public ModelId id() {
        return new ModelId(card.name(), contentHash.substring(2));
    }

    /** Writes the package and returns it as loaded back (with its content hash). */
    public static DiagnosisPackage save(DiagnosisModel model, DiagnosisCard card, Path dir) throws IOException {
        Files.createDirectories(dir);
        model.toWeights().save(dir.resolve(WEIGHTS));
        Files.write(dir.resolve(CARD), (JSON.writeValueAsString(card) + "\n").getBytes(StandardCharsets.UTF_8));
        return load(dir);
    }

    public static DiagnosisPackage load(Path dir) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (String part : PARTS) {
            if (!Files.isRegularFile(dir.resolve(part))) {
                throw new IOException("not a diagnosis model package: " + dir + " has no " + part + " (train one with 'based model train-diagnosis')");
            }
            parts.put(part, Files.readAllBytes(dir.resolve(part)));
        }
        return parse(parts, dir.toString());
    }

    /** The package shipped in this jar, so nothing has to be trained before it is used. */
    public static DiagnosisPackage bundled() throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (String part : PARTS) {
            String resource = "/ai/based/fhe/zkllm/models/" + BUNDLED + "/" + part;
            try (InputStream in = DiagnosisPackage.class.getResourceAsStream(resource)) {
                if (in == null) throw new IOException("the bundled diagnosis package lacks " + part);
                parts.put(part, in.readAllBytes());
            }
        }
        return parse(parts, "the bundled package '" + BUNDLED + "'");
    }

    private static DiagnosisPackage parse(Map<String, byte[]> parts, String source) throws IOException {
        Path temp = Files.createTempFile("based-diagnosis-", ".safetensors");
        try {
            Files.write(temp, parts.get(WEIGHTS));
            DiagnosisModel model = DiagnosisModel.fromWeights(Weights.load(temp));
            DiagnosisCard card = JSON.readValue(parts.get(CARD), DiagnosisCard.class);
            if (card.config() == null || card.config().hidden() != model.hidden()) {
                throw new IOException("malformed diagnosis package " + source + ": the card and the weights disagree on the hidden units");
            }
            return new DiagnosisPackage(model, card, contentHash(parts));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("malformed diagnosis package " + source + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String contentHash(Map<String, byte[]> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : PARTS) {
                byte[] name = part.getBytes(StandardCharsets.UTF_8);
                byte[] bytes = parts.get(part);
                sha.update(java.nio.ByteBuffer.allocate(8).putInt(name.length).putInt(bytes.length).array());
                sha.update(name);
                sha.update(bytes);
            }
            return "0x" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
