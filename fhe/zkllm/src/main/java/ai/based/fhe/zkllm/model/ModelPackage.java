package ai.based.fhe.zkllm.model;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model on disk, as a directory: {@code tokenizer.json} (HuggingFace format), {@code config.json},
 * {@code model.safetensors} and {@code model-card.json}. Loading checks that the parts belong together.
 */
public record ModelPackage(ModelConfig config, BpeTokenizer tokenizer, Weights weights, ModelCard card) {
    public static final String TOKENIZER = "tokenizer.json";
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String CARD = "model-card.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        tokenizer.save(dir.resolve(TOKENIZER));
        JSON.writeValue(dir.resolve(CONFIG).toFile(), config);
        weights.save(dir.resolve(WEIGHTS));
        JSON.writeValue(dir.resolve(CARD).toFile(), card);
    }

    /**
     * A package shipped in this jar ({@code tiny}, its softmax twin {@code tiny-twin} for comparisons, and
     * {@code tiny-bounded}, whose attention divisor has a known interval), so nothing has to be trained before it is used.
     */
    public static ModelPackage bundled(String name) throws IOException {
        String base = "/ai/based/fhe/zkllm/models/" + name + "/";
        if (ModelPackage.class.getResource(base + CONFIG) == null) {
            throw new IOException("no model package '" + name + "' is bundled (bundled: tiny, tiny-twin, tiny-bounded)");
        }
        Path dir = Files.createTempDirectory("based-model-" + name + "-");
        try {
            for (String part : new String[] {TOKENIZER, CONFIG, WEIGHTS, CARD}) {
                try (var in = ModelPackage.class.getResourceAsStream(base + part)) {
                    if (in == null) throw new IOException("the bundled package '" + name + "' lacks " + part);
                    Files.copy(in, dir.resolve(part));
                }
            }
            return load(dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    public static ModelPackage load(Path dir) throws IOException {
        for (String part : new String[] {TOKENIZER, CONFIG, WEIGHTS, CARD}) {
            if (!Files.isRegularFile(dir.resolve(part))) {
                throw new IOException("not a model package: " + dir + " has no " + part + " (train one with 'based model train')");
            }
        }
        ModelConfig config;
        ModelCard card;
        try {
            config = JSON.readValue(dir.resolve(CONFIG).toFile(), ModelConfig.class);
            card = JSON.readValue(dir.resolve(CARD).toFile(), ModelCard.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("malformed model package " + dir + ": " + e.getMessage(), e);
        }
        BpeTokenizer tokenizer = BpeTokenizer.load(dir.resolve(TOKENIZER));
        if (tokenizer.vocabSize() != config.vocab()) {
            throw new IOException("malformed model package " + dir + ": the tokenizer has " + tokenizer.vocabSize()
                    + " tokens, the config " + config.vocab());
        }
        Weights weights = Weights.load(dir.resolve(WEIGHTS));
        long[] embedding = weights.get("wte").shape();
        if (embedding[0] != config.vocab() || embedding[1] != config.dModel()) {
            throw new IOException("malformed model package " + dir + ": the embedding is " + embedding[0] + " x " + embedding[1]
                    + ", the config says " + config.vocab() + " x " + config.dModel());
        }
        return new ModelPackage(config, tokenizer, weights, card);
    }
}
