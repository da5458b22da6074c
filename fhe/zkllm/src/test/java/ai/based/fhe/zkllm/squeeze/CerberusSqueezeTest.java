package ai.based.fhe.zkllm.squeeze;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Head significance by ablation on the bundled tiny model, what keeping the significant heads preserves, and fine-tuning
 * after pruning.
 */
@Tag("model")
class CerberusSqueezeTest {

    @Test
    void keepingTheSignificantHeadsCostsLessThanKeepingTheOthers() throws Exception {
        ModelPackage tiny = ModelPackage.bundled("tiny");
        Corpus corpus = Corpus.kjv();
        TokenStream calibration = TokenStream.of(corpus.training().subList(0, 600), tiny.tokenizer());
        TokenStream heldOut = TokenStream.of(corpus.heldOut().subList(0, 600), tiny.tokenizer());
        CerberusSqueeze.Significance s = CerberusSqueeze.significance(tiny.config(), tiny.weights(), calibration, 12, line -> {});
        assertThat(s.byHead()).hasSize(8);
        assertThat(s.byHead().values()).allSatisfy(v -> assertThat(v).isFinite());

        assertThat(CerberusSqueeze.keepMostSignificant(s, 8)).isEmpty();
        assertThat(CerberusSqueeze.keepMostSignificant(s, 0)).hasSize(8);
        assertThat(CerberusSqueeze.belowThreshold(s, Double.NEGATIVE_INFINITY)).isEmpty();
        Weights untouched = HeadSurgery.prune(tiny.config(), tiny.weights(), List.of());
        assertThat(CerberusSqueeze.loss(tiny.config(), untouched, heldOut, 12))
                .isEqualTo(CerberusSqueeze.loss(tiny.config(), tiny.weights(), heldOut, 12));

        List<HeadRef> leastSignificant = CerberusSqueeze.keepMostSignificant(s, 4);
        List<HeadRef> mostSignificant = s.ranked().subList(0, 4);
        double keepSignificant = CerberusSqueeze.loss(tiny.config(), HeadSurgery.prune(tiny.config(), tiny.weights(), leastSignificant), heldOut, 12);
        double keepOthers = CerberusSqueeze.loss(tiny.config(), HeadSurgery.prune(tiny.config(), tiny.weights(), mostSignificant), heldOut, 12);
        assertThat(keepSignificant).as("held-out loss keeping the 4 significant heads vs keeping the other 4").isLessThan(keepOthers);

        assertThatThrownBy(() -> CerberusSqueeze.keepMostSignificant(s, 9)).hasMessageContaining("cannot keep 9 of 8");
        assertThatThrownBy(() -> HeadSurgery.prune(tiny.config(), tiny.weights(), List.of(new HeadRef(2, 0))))
                .hasMessageContaining("no head L2H0");
    }

    @Test
    void quantizationAwareFineTuningRecoversLossWithoutGrowingThePrunedHeadsBack() throws Exception {
        ModelPackage tiny = ModelPackage.bundled("tiny");
        var config = tiny.config();
        Corpus corpus = Corpus.kjv();
        TokenStream training = TokenStream.of(corpus.training().subList(0, 4000), tiny.tokenizer());
        TokenStream heldOut = TokenStream.of(corpus.heldOut().subList(0, 600), tiny.tokenizer());
        List<HeadRef> layerOne = List.of(new HeadRef(1, 0), new HeadRef(1, 1), new HeadRef(1, 2), new HeadRef(1, 3));
        Weights pruned = HeadSurgery.prune(config, tiny.weights(), layerOne);
        DynamicQuantization quantization = DynamicQuantization.defaults();
        Weights tuned = CerberusSqueeze.fineTune(config, pruned, layerOne, quantization, training, heldOut, 100, line -> {});

        double before = CerberusSqueeze.loss(config, pruned, heldOut, 12);
        double after = CerberusSqueeze.loss(config, tuned, heldOut, 12);
        assertThat(after).as("held-out loss after 100 steps, weights quantized, vs just pruned").isLessThan(before);
        float[] fc = tuned.get("h.0.mlp.c_fc.w").values();
        double[] row = new double[512];
        for (int c = 0; c < row.length; c++) row[c] = fc[c];
        assertThat(quantization.apply(row)).as("the weights returned are on the quantization grid").containsExactly(row);
        assertThat(tuned.get("h.1.attn.c_attn.w").values()).as("layer 1's pruned Q, K, V stay zero").containsOnly(0f);
        assertThat(tuned.get("h.1.attn.c_proj.w").values()).as("and so does its output projection").containsOnly(0f);
        assertThat(tuned.get("h.0.attn.c_attn.w").values()).as("the kept heads learn").isNotEqualTo(pruned.get("h.0.attn.c_attn.w").values());
        assertThat(CerberusSqueeze.fineTune(config, pruned, layerOne, null, training, heldOut, 0, line -> {})).isSameAs(pruned);
        assertThatThrownBy(() -> CerberusSqueeze.fineTune(config, pruned, layerOne, null, training, heldOut, -1, line -> {}))
                .hasMessageContaining("cannot be negative");
    }
}
