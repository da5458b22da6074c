package ai.based.fhe.zkllm.encrypted;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.MirroredEvaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.fhe.zkllm.squeeze.FheCostModel;
import ai.based.fhe.zkllm.squeeze.OperationMerging;
import ai.based.fhe.zkllm.squeeze.HeadRef;
import ai.based.fhe.zkllm.squeeze.HeadSurgery;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled tiny model run end to end on real ciphertexts (N = 16384, 128-bit): held-out verses encrypted by the
 * client, every layer evaluated by the miner with the client's round trips, logits decrypted and compared with the
 * plaintext model position by position. Short prompts share one ciphertext, as a batching client packs them. The
 * miner's evaluator has an accelerator whose memory is host arrays (a GPU's stand-in): the whole pass runs there, and
 * its ciphertexts come back to the host only to be sent to the client.
 */
@Tag("model")
class EncryptedGptTest {
    private static ModelPackage tiny;
    private static PlainGpt plain;
    private static EncryptedGpt circuit;
    private static ZkllmClient client;
    private static EncryptedGpt.Session session;
    private static MirroredEvaluator mirrored;

    @BeforeAll
    static void keys() throws Exception {
        tiny = ModelPackage.bundled("tiny");
        plain = new PlainGpt(tiny.config(), tiny.weights());
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        circuit = new EncryptedGpt(tiny.config(), tiny.weights(), params, Runnable::run, Runnable::run);
        client = new ZkllmClient(params, plain, TestRandomness.named("encrypted-gpt"));
        // the miner's ciphertexts in an accelerator's memory (a GPU's, mirrored in host arrays): every operation of the
        // pass must have an accelerated form, or it brings its operands back to the host
        mirrored = new MirroredEvaluator(params, client.evaluationKeys(circuit.rotationSteps()));
        session = circuit.open(client.keySetId(), mirrored.evaluator());
    }

    @Test
    void encryptedLogitsAgreeWithThePlaintextModelAtEveryPosition() {
        List<int[]> prompts = new ArrayList<>();
        for (String verse : Corpus.kjv().heldOut().subList(40, 60)) {
            int[] ids = tiny.tokenizer().encode(verse).stream().mapToInt(Integer::intValue).limit(12).toArray();
            if (prompts.stream().mapToInt(p -> p.length).sum() + ids.length <= 64 && ids.length >= 4) prompts.add(ids);
        }
        assertThat(prompts).hasSizeGreaterThan(3);
        Ciphertext state = client.encryptPrompts(prompts);
        client.resetTraffic();
        session.ops().reset();
        int downloads = mirrored.downloads();
        int uploads = mirrored.uploads();
        int operations = mirrored.operations();
        var encryptedLogits = session.logits(client.keySetId(), state, client.segments(), client);
        int rounds = client.traffic().rounds();
        assertThat(mirrored.operations() - operations).as("the pass ran in the accelerator").isGreaterThan(1000);
        assertThat(mirrored.uploads() - uploads).as("uploads: the prompt, and what each round trip returns").isEqualTo(1 + rounds);
        assertThat(mirrored.downloads() - downloads).as("downloads: only what the miner sends the client (one or two ciphertexts a round)")
                .isBetween(rounds, 2 * rounds);
        double[][][] logits = client.decryptLogits(encryptedLogits);
        assertThat(rounds).as("client round trips: a reciprocal per layer and one refresh between layers").isEqualTo(3)
                .isEqualTo(OperationMerging.merged(new int[] {4, 4}, circuit.parameters().maxLevel()).roundTrips());
        FheCostModel cost = new FheCostModel(tiny.config(), prompts.stream().mapToInt(p -> p.length).max().orElseThrow());
        assertThat(session.ops().count(HeOps.Op.ROTATION) + session.ops().count(HeOps.Op.RELINEARIZATION))
                .as("key switches executed = the cost model's count").isEqualTo(cost.total(new int[] {4, 4}));

        int positions = 0;
        int agreeing = 0;
        double worst = 0;
        for (int s = 0; s < prompts.size(); s++) {
            double[][] expected = plain.logits(prompts.get(s));
            for (int p = 0; p < expected.length; p++) {
                positions++;
                if (argmax(expected[p]) == argmax(logits[s][p])) agreeing++;
                for (int v = 0; v < expected[p].length; v++) worst = Math.max(worst, Math.abs(expected[p][v] - logits[s][p][v]));
            }
        }
        assertThat(worst).as("max logit error over %d positions", positions).isLessThan(0.05);
        assertThat(agreeing).as("next-token argmax agreement").isEqualTo(positions);
    }

    @Test
    void squeezedModelsPackSeveralOffsetsPerCiphertextAndStillAgree() throws Exception {
        Parameters params = circuit.parameters();
        List<HeadRef> twoAndOne = List.of(new HeadRef(0, 1), new HeadRef(0, 3), new HeadRef(1, 0), new HeadRef(1, 2), new HeadRef(1, 3));
        List<HeadRef> twoAndNone = List.of(new HeadRef(0, 1), new HeadRef(0, 3), new HeadRef(1, 0), new HeadRef(1, 1), new HeadRef(1, 2),
                new HeadRef(1, 3));
        int[] copies = {0, 0};
        for (List<HeadRef> pruned : List.of(twoAndOne, twoAndNone)) {
            Weights squeezed = HeadSurgery.prune(tiny.config(), tiny.weights(), pruned);
            PlainGpt reference = new PlainGpt(tiny.config(), squeezed);
            EncryptedGpt packed = new EncryptedGpt(tiny.config(), squeezed, params, Runnable::run, Runnable::run);
            ZkllmClient user = new ZkllmClient(params, reference, TestRandomness.named("squeezed"));
            EncryptedGpt.Session miner = packed.open(user.keySetId(), user.evaluationKeys(packed.rotationSteps()));
            int[] prompt = tiny.tokenizer().encode(Corpus.kjv().heldOut().get(7)).stream().mapToInt(Integer::intValue).limit(20).toArray();
            Ciphertext state = user.encryptPrompts(List.of(prompt));
            int[] kept = new FheCostModel(tiny.config(), prompt.length).keptPerLayer(pruned);
            double[][] logits = user.decryptLogits(miner.logits(user.keySetId(), state, user.segments(), user))[0];
            assertThat(user.traffic().rounds()).as("round trips with %s pruned", pruned)
                    .isEqualTo(OperationMerging.merged(kept, params.maxLevel()).roundTrips());
            double[][] expected = reference.logits(prompt);
            for (int p = 0; p < prompt.length; p++) {
                assertThat(argmax(logits[p])).as("position %d with %s pruned", p, pruned).isEqualTo(argmax(expected[p]));
                for (int v = 0; v < expected[p].length; v++) assertThat(Math.abs(logits[p][v] - expected[p][v])).isLessThan(0.05);
            }
            assertThat(miner.ops().count(HeOps.Op.ROTATION) + miner.ops().count(HeOps.Op.RELINEARIZATION)).as("key switches with %s pruned", pruned)
                    .isEqualTo(new FheCostModel(tiny.config(), prompt.length).total(kept));
            copies[0] = packed.packings().get(0).copies();
            copies[1] = packed.packings().get(1).empty() ? 0 : packed.packings().get(1).copies();
        }
        assertThat(copies).as("offsets per ciphertext: layer 0 keeps 2 heads, layer 1 none").containsExactly(2, 0);
        assertThat(HeadPacking.of(128, 32, new boolean[] {true, false, true, true}).copies()).isEqualTo(4);
    }

    @Test
    void badInputIsRefusedWithAClearReason() {
        Ciphertext state = client.encryptPrompts(List.of(new int[] {5, 6, 7}));
        TokenSegments segments = client.segments();
        assertThatThrownBy(() -> session.logits("0000000000000000", state, segments, client))
                .hasMessageContaining("send the matching evaluation keys first");
        Ciphertext lower = session.ops().evaluator().dropLevel(state, state.level() - 1);
        assertThatThrownBy(() -> session.logits(client.keySetId(), lower, segments, client))
                .hasMessageContaining("is at level 6, the circuit needs fresh ciphertexts at level 7");
        Ciphertext rescaled = session.ops().evaluator().mulConst(state, 1, 2);
        assertThatThrownBy(() -> session.logits(client.keySetId(), rescaled, segments, client))
                .hasMessageContaining("has scale 2^41.00, the circuit needs 2^40");
        assertThatThrownBy(() -> client.encryptPrompts(List.of(new int[65])))
                .hasMessageContaining("longer than the context of 64 tokens");
        assertThatThrownBy(() -> session.logits(client.keySetId(), state, new TokenSegments(64, new int[] {40, 30}), client))
                .hasMessageContaining("do not fit the 64 token slots");
        EvaluationKeys partial = new EvaluationKeys(client.evaluationKeys(List.of()).relinearization(), new HashMap<>());
        assertThatThrownBy(() -> circuit.open("k", partial)).hasMessageContaining("the evaluation keys lack rotations by [");
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
