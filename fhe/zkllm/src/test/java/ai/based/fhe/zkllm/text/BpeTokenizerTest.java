package ai.based.fhe.zkllm.text;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's BPE: trained on the corpus, written as tokenizer.json, read back by itself and by DJL's HuggingFace tokenizers. */
@Tag("model")
class BpeTokenizerTest {
    private static Corpus corpus;
    private static BpeTokenizer tokenizer;
    private static Path file;

    @BeforeAll
    static void train() throws Exception {
        corpus = Corpus.kjv();
        tokenizer = BpeTrainer.train(corpus.training().subList(0, 3_000), 400);
        file = Files.createTempDirectory("bpe-").resolve("tokenizer.json");
        tokenizer.save(file);
    }

    @Test
    void theCorpusHoldsOutEveryTenthVerse() {
        assertThat(corpus.training().size() + corpus.heldOut().size()).isEqualTo(31_102);
        assertThat(corpus.heldOut()).hasSize(3_110);
        assertThat(corpus.training().getFirst()).startsWith("In the beginning God created the heaven");
    }

    @Test
    void encodesAndDecodesExactlyAndCompressesText() {
        for (String verse : corpus.heldOut().subList(0, 200)) {
            List<Integer> ids = tokenizer.encode(verse);
            assertThat(tokenizer.decode(ids)).isEqualTo(verse);
            assertThat(ids.size()).isLessThan(verse.length() * 2 / 3);
        }
        String odd = "naïve café — 42 ünïcödé\ttabs";
        assertThat(tokenizer.decode(tokenizer.encode(odd))).as("bytes outside the corpus still round-trip").isEqualTo(odd);
        assertThat(tokenizer.vocabSize()).isEqualTo(400);
    }

    @Test
    void djlHuggingFaceTokenizersReadTheFileAndAgreeOnEveryId() throws Exception {
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false).build()) {
            for (String verse : corpus.heldOut().subList(0, 200)) {
                long[] theirs = hf.encode(verse).getIds();
                assertThat(Arrays.stream(theirs).mapToInt(i -> (int) i).boxed().toList()).as(verse).isEqualTo(tokenizer.encode(verse));
            }
        }
        BpeTokenizer reloaded = BpeTokenizer.load(file);
        String verse = corpus.heldOut().get(7);
        assertThat(reloaded.encode(verse)).isEqualTo(tokenizer.encode(verse));
    }

    @Test
    void trainingIsDeterministicAndRejectsTinyVocabularies() throws Exception {
        BpeTokenizer again = BpeTrainer.train(corpus.training().subList(0, 3_000), 400);
        Path other = Files.createTempFile("bpe-", ".json");
        again.save(other);
        assertThat(Files.readString(other)).isEqualTo(Files.readString(file));
        assertThatThrownBy(() -> BpeTrainer.train(List.of("x"), 100)).hasMessageContaining("at least 257");
        assertThatThrownBy(() -> tokenizer.decode(List.of(99_999))).hasMessageContaining("outside the vocabulary");
        Path broken = Files.writeString(Files.createTempFile("bpe-", ".json"), "{\"model\":{\"type\":\"WordPiece\"}}");
        assertThatThrownBy(() -> BpeTokenizer.load(broken)).hasMessageContaining("not a BPE tokenizer.json");
    }
}
