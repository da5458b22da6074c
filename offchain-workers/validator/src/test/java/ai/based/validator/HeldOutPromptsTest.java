package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.Corpus;
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
    void aShortContextBoundsThePrompt() throws Exception {
        BpeTokenizer tokenizer = ModelPackage.bundled("tiny").tokenizer();
        HeldOutPrompts prompts = new HeldOutPrompts(Corpus.kjv().heldOut(), tokenizer, 10, 4, new Random(1));
        for (int i = 0; i < 50; i++) assertThat(prompts.next().size()).isBetween(HeldOutPrompts.MIN_TOKENS, 6);
    }
}
