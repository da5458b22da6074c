package ai.based.fhe.zkllm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A GPT-2-architecture checkpoint in HuggingFace's layout: {@code config.json} (n_layer, n_embd, n_head, n_positions,
 * vocab_size), {@code model.safetensors} with GPT-2's tensor names (an optional {@code transformer.} prefix is
 * accepted), and {@code tokenizer.json}. Read from a directory or a base URL; the project's softmax twin can be
 * written in this format, which is how the importer is tested without downloading anything.
 */
public record Gpt2Checkpoint(int layers, int dModel, int heads, int positions, int vocab, Weights tensors, Path tokenizer) {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    public static Gpt2Checkpoint read(Path dir) throws IOException {
        for (String part : new String[] {CONFIG, WEIGHTS, TOKENIZER}) {
            if (!Files.isRegularFile(dir.resolve(part))) throw new IOException("not a GPT-2 checkpoint: " + dir + " has no " + part);
        }
        JsonNode config = new ObjectMapper().readTree(dir.resolve(CONFIG).toFile());
        int layers = required(config, "n_layer", dir);
        int dModel = required(config, "n_embd", dir);
        int heads = required(config, "n_head", dir);
        int positions = required(config, "n_positions", dir);
        int vocab = required(config, "vocab_size", dir);
        String type = config.path("model_type").asText("gpt2");
        if (!type.equals("gpt2")) throw new IOException(dir + " holds a '" + type + "' model; only the GPT-2 architecture is imported");
        Weights raw = Weights.load(dir.resolve(WEIGHTS));
        Weights tensors = new Weights();
        raw.all().forEach((name, t) -> tensors.put(name.startsWith("transformer.") ? name.substring("transformer.".length()) : name, t));
        return new Gpt2Checkpoint(layers, dModel, heads, positions, vocab, tensors, dir.resolve(TOKENIZER));
    }

    /** Downloads config.json, model.safetensors and tokenizer.json from {@code base} into {@code cache}, then reads them. */
    public static Gpt2Checkpoint download(URI base, Path cache) throws IOException, InterruptedException {
        Files.createDirectories(cache);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        for (String part : new String[] {CONFIG, WEIGHTS, TOKENIZER}) {
            URI uri = URI.create(root + part);
            HttpResponse<Path> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofFile(cache.resolve(part + ".part")));
            } catch (IOException e) {
                throw new IOException("cannot download " + uri + ": " + e.getMessage(), e);
            }
            if (response.statusCode() != 200) {
                Files.deleteIfExists(cache.resolve(part + ".part"));
                throw new IOException("cannot download " + uri + ": HTTP " + response.statusCode());
            }
            Files.move(cache.resolve(part + ".part"), cache.resolve(part), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return read(cache);
    }

    private static int required(JsonNode config, String field, Path dir) throws IOException {
        if (!config.path(field).canConvertToInt()) throw new IOException(dir.resolve(CONFIG) + " has no integer '" + field + "'");
        return config.path(field).asInt();
    }

    /**
     * Writes a softmax/GELU/LayerNorm package (the twin) as a GPT-2 checkpoint: the same tensors under GPT-2's names,
     * LayerNorm gains and biases as weight/bias, the head as lm_head.weight (vocab × d) with its bias beside it.
     */
    public static void export(ModelPackage model, Path dir) throws IOException {
        if (model.config().heFriendly()) {
            throw new IllegalArgumentException("'" + model.config().name() + "' uses Power-Softmax and an affine norm: it is not a GPT-2 "
                    + "model; export the softmax twin (model train --twin)");
        }
        ModelConfig c = model.config();
        Weights out = new Weights();
        Weights w = model.weights();
        out.put("wte.weight", w.get("wte"));
        out.put("wpe.weight", w.get("wpe"));
        for (int l = 0; l < c.layers(); l++) {
            String p = "h." + l + ".";
            for (String norm : new String[] {"ln_1", "ln_2"}) {
                out.put(p + norm + ".weight", w.get(p + norm + ".g"));
                out.put(p + norm + ".bias", w.get(p + norm + ".b"));
            }
            for (String linear : new String[] {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"}) {
                out.put(p + linear + ".weight", w.get(p + linear + ".w"));
                out.put(p + linear + ".bias", w.get(p + linear + ".b"));
            }
        }
        out.put("ln_f.weight", w.get("ln_f.g"));
        out.put("ln_f.bias", w.get("ln_f.b"));
        out.put("lm_head.weight", transpose(w.get("lm_head.w")));
        out.put("lm_head.bias", w.get("lm_head.b"));
        Files.createDirectories(dir);
        out.save(dir.resolve(WEIGHTS));
        model.tokenizer().save(dir.resolve(TOKENIZER));
        ObjectNode config = new ObjectMapper().createObjectNode().put("model_type", "gpt2").put("n_layer", c.layers())
                .put("n_embd", c.dModel()).put("n_head", c.heads()).put("n_positions", c.context()).put("vocab_size", c.vocab());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG).toFile(), config);
    }

    static Weights.Tensor transpose(Weights.Tensor t) {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * rows + r] = t.values()[r * cols + c];
        return new Weights.Tensor(new long[] {cols, rows}, out);
    }
}
