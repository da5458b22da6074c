package ai.based.fhe.zkllm.model;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The Brain template "model converter": turns a GPT-2-architecture checkpoint into an HE-friendly package. Softmax
 * attention becomes Power-Softmax (p = 2), GELU the quadratic activation, and each LayerNorm keeps its gain and bias
 * but normalises with running statistics calibrated on the corpus (affine at inference); an optional fine-tune on
 * the corpus recovers what the swap costs.
 */
public final class ModelImporter {
    private static final int CALIBRATION_PASSES = 40;
    private static final int BATCH = 16;
    private static final float FINE_TUNE_RATE = 1e-3f;

    private ModelImporter() {}

    public static ModelPackage importGpt2(Gpt2Checkpoint checkpoint, String name, int fineTuneSteps, TokenStream training,
            TokenStream heldOut, Consumer<String> progress) throws IOException {
        BpeTokenizer tokenizer = BpeTokenizer.load(checkpoint.tokenizer());
        if (tokenizer.vocabSize() != checkpoint.vocab()) {
            throw new IOException("the checkpoint's tokenizer has " + tokenizer.vocabSize() + " tokens, its config " + checkpoint.vocab());
        }
        ModelConfig config = new ModelConfig(name, checkpoint.layers(), checkpoint.dModel(), checkpoint.heads(), checkpoint.positions(),
                checkpoint.vocab(), 2, true, fineTuneSteps, BATCH, FINE_TUNE_RATE, 20261121L);
        Weights mapped = map(checkpoint, config);
        Weights calibrated = calibrate(config, mapped, training);
        progress.accept("replaced softmax by Power-Softmax (p=2), GELU by the quadratic, LayerNorm by calibrated affine norms; "
                + (fineTuneSteps > 0 ? "fine-tuning " + fineTuneSteps + " steps" : "no fine-tuning"));
        ModelTrainer.Trained trained = ModelTrainer.train(config, calibrated, tokenizer, training, heldOut, progress);
        return new ModelPackage(config, tokenizer, trained.weights(), trained.card());
    }

    private static Weights map(Gpt2Checkpoint c, ModelConfig config) throws IOException {
        Weights in = c.tensors();
        Weights out = new Weights();
        int d = config.dModel();
        out.put("wte", expect(in, "wte.weight", config.vocab(), d));
        out.put("wpe", expect(in, "wpe.weight", config.context(), d));
        for (int l = 0; l < config.layers(); l++) {
            String p = "h." + l + ".";
            norm(in, out, p + "ln_1", p + "ln_1", d);
            linear(in, out, p + "attn.c_attn", d, 3 * d);
            linear(in, out, p + "attn.c_proj", d, d);
            norm(in, out, p + "ln_2", p + "ln_2", d);
            linear(in, out, p + "mlp.c_fc", d, 4 * d);
            linear(in, out, p + "mlp.c_proj", 4 * d, d);
        }
        norm(in, out, "ln_f", "ln_f", d);
        Weights.Tensor head = in.all().containsKey("lm_head.weight") ? expect(in, "lm_head.weight", config.vocab(), d)
                : expect(in, "wte.weight", config.vocab(), d); // GPT-2 ties the head to the token embedding
        out.put("lm_head.w", Gpt2Checkpoint.transpose(head));
        out.put("lm_head.b", in.all().containsKey("lm_head.bias") ? expect(in, "lm_head.bias", config.vocab())
                : new Weights.Tensor(new long[] {config.vocab()}, new float[config.vocab()]));
        return out;
    }

    private static void norm(Weights in, Weights out, String from, String to, int d) throws IOException {
        out.put(to + ".g", expect(in, from + ".weight", d));
        out.put(to + ".b", expect(in, from + ".bias", d));
        float[] ones = new float[d];
        Arrays.fill(ones, 1f);
        out.put(to + ".running_mean", new Weights.Tensor(new long[] {d}, new float[d]));
        out.put(to + ".running_var", new Weights.Tensor(new long[] {d}, ones));
    }

    private static void linear(Weights in, Weights out, String name, int rows, int cols) throws IOException {
        out.put(name + ".w", expect(in, name + ".weight", rows, cols));
        out.put(name + ".b", expect(in, name + ".bias", cols));
    }

    private static Weights.Tensor expect(Weights in, String name, long... shape) throws IOException {
        if (!in.all().containsKey(name)) throw new IOException("the checkpoint has no tensor '" + name + "'");
        Weights.Tensor t = in.get(name);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IOException("tensor '" + name + "' is " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape));
        }
        return t;
    }

    /** Forward passes in training mode (no gradients) so that every norm's running statistics settle on the corpus. */
    private static Weights calibrate(ModelConfig config, Weights mapped, TokenStream training) {
        Random random = new Random(config.seed());
        try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.fromWeights(config, mapped, manager)) {
            for (int pass = 0; pass < CALIBRATION_PASSES; pass++) {
                long[][] batch = training.randomBatch(random, BATCH, config.context());
                try (NDScope scope = new NDScope()) {
                    model.forward(model.tokens(batch[0], BATCH, config.context()), true);
                }
            }
            return model.weights();
        }
    }
}
