package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldOutPromptsTest {
    @Test
    void promptsAreStartsOfHeldOutVersesOfSpreadLengthsThatLeaveRoomForTheTokens() throws Exception {
        BpeTokenizer tokenizer = ModelPackage.bundled("tiny").tokenizer();
        List<String> heldOut = Corpus.kjv().heldOut();
        HeldOutPrompts prompts = new HeldOutPrompts(heldOut, tokenizer, 64, 2, new Random(16));
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            List<Integer> ids = prompts.next();
            assertThat(ids.size()).isBetween(HeldOutPrompts.MIN_TOKENS, HeldOutPrompts.MAX_TOKENS);
            lengths.add(ids.size());
            String text = tokenizer.decode(ids);
            assertThat(heldOut).as("a held-out verse starts with %s", text).anyMatch(verse -> verse.startsWith(text));
        }
        assertThat(lengths).as("lengths spread over the range, not one size a miner could spot").hasSizeGreaterThan(10);
    }

    @Test
    void theChallengerDrawsOnlyPromptsWhoseDenominatorsStayClearOfCkksNoise() throws Exception {
        ModelPackage tiny = ModelPackage.bundled("tiny");
        PlainGpt plain = new PlainGpt(tiny.config(), tiny.weights());
        ValidatorSettings settings = new ValidatorSettings(7, Path.of("unused"), 2, ValidatorSettings.defaultScoring(), 0.5, Duration.ofMinutes(1));
        // one prompt in four has a mean denominator under the bound somewhere in its passes: 40 draws meet several
        try (Challenger challenger = new Challenger(plain, ModelId.bundled("tiny"), Parameters.create(EncryptedGpt.PARAMETERS), List.of(),
                HeldOutPrompts.kjv(tiny.tokenizer(), tiny.config().context(), 2, new Random(5)), settings, null)) {
            for (int i = 0; i < 40; i++) {
                List<Integer> ids = new ArrayList<>(challenger.wellConditionedPrompt());
                double[] smallest = {Double.MAX_VALUE};
                for (int t = 0; t < 2; t++) {
                    double[][] logits = plain.logits(ids.stream().mapToInt(Integer::intValue).toArray(), (layer, z) -> smallest[0] = Math.min(smallest[0], z));
                    ids.add(EncryptedGeneration.argmax(logits[logits.length - 1]));
                }
                assertThat(smallest[0]).isGreaterThanOrEqualTo(Challenger.MIN_MEAN_DENOMINATOR);
            }
        }
    }

    @Test
    void aShortContextBoundsThePrompt() throws Exception {
        BpeTokenizer tokenizer = ModelPackage.bundled("tiny").tokenizer();
        HeldOutPrompts prompts = new HeldOutPrompts(Corpus.kjv().heldOut(), tokenizer, 10, 4, new Random(1));
        for (int i = 0; i < 50; i++) assertThat(prompts.next().size()).isBetween(HeldOutPrompts.MIN_TOKENS, 6);
    }
}
