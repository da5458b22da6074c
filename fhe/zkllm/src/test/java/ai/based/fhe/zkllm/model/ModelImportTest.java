package ai.based.fhe.zkllm.model;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.BpeTrainer;
import ai.based.fhe.zkllm.text.Corpus;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model converter on a GPT-2 checkpoint the project exports itself (the softmax twin), read from a directory and
 * downloaded over HTTP from a local server: softmax and GELU are replaced, the norms calibrated, and a short fine-tune
 * brings the HE-friendly model well below the unigram baseline.
 */
@Tag("model")
class ModelImportTest {
    private static final ModelConfig TWIN = ModelConfig.micro().twin();
    private static TokenStream training;
    private static TokenStream heldOut;
    private static Path exported;

    @BeforeAll
    static void exportATwin() throws Exception {
        Corpus corpus = Corpus.kjv();
        BpeTokenizer tokenizer = BpeTrainer.train(corpus.training().subList(0, 3_000), TWIN.vocab());
        training = TokenStream.of(corpus.training().subList(0, 3_000), tokenizer);
        heldOut = TokenStream.of(corpus.heldOut().subList(0, 300), tokenizer);
        ModelTrainer.Trained twin = ModelTrainer.train(TWIN, tokenizer, training, heldOut, line -> {});
        exported = Files.createTempDirectory("gpt2-");
        Gpt2Checkpoint.export(new ModelPackage(TWIN, tokenizer, twin.weights(), twin.card()), exported);
    }

    @Test
    void aGpt2CheckpointBecomesAnHeFriendlyPackageThatLearnsAfterFineTuning() throws Exception {
        Gpt2Checkpoint checkpoint = Gpt2Checkpoint.read(exported);
        assertThat(checkpoint.tensors().get("h.0.attn.c_attn.weight").shape()).containsExactly(32, 96);
        ModelPackage converted = ModelImporter.importGpt2(checkpoint, "imported", 150, training, heldOut, line -> {});
        assertThat(converted.config().heFriendly()).isTrue();
        assertThat(converted.card().validationLoss()).as(converted.card().summary()).isLessThan(converted.card().unigramLoss() - 0.3);
        Path dir = Files.createTempDirectory("imported-");
        converted.save(dir);
        assertThat(ModelPackage.load(dir).config().name()).isEqualTo("imported");
    }

    @Test
    void aCheckpointDownloadsFromAUrlAndBadCheckpointsAreRefused() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/gpt2/", exchange -> {
            Path file = exported.resolve(exchange.getRequestURI().getPath().substring("/gpt2/".length()));
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gpt2/");
            Gpt2Checkpoint downloaded = Gpt2Checkpoint.download(base, Files.createTempDirectory("download-"));
            assertThat(downloaded.layers()).isEqualTo(1);
            assertThat(downloaded.tensors().all().keySet()).contains("lm_head.weight", "ln_f.bias");
            URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nothing/");
            assertThatThrownBy(() -> Gpt2Checkpoint.download(missing, Files.createTempDirectory("download-"))).hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
        Path broken = Files.createTempDirectory("broken-");
        Files.copy(exported.resolve("config.json"), broken.resolve("config.json"));
        assertThatThrownBy(() -> Gpt2Checkpoint.read(broken)).hasMessageContaining("has no model.safetensors");
        Files.copy(exported.resolve("model.safetensors"), broken.resolve("model.safetensors"));
        Files.copy(exported.resolve("tokenizer.json"), broken.resolve("tokenizer.json"));
        Files.writeString(broken.resolve("config.json"), Files.readString(broken.resolve("config.json")).replace("\"n_embd\" : 32", "\"n_embd\" : 64"));
        assertThatThrownBy(() -> ModelImporter.importGpt2(Gpt2Checkpoint.read(broken), "x", 0, training, heldOut, line -> {}))
                .hasMessageContaining("tensor 'wte.weight' is [320, 32], expected [320, 64]");
        assertThatThrownBy(() -> Gpt2Checkpoint.export(ModelPackage.bundled("tiny"), Files.createTempDirectory("x-")))
                .hasMessageContaining("is not a GPT-2 model");
    }
}
