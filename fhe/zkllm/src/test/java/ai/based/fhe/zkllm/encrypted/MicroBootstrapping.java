package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.ckks.InsecureParameters;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.zkllm.model.BoundedAttention;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.PolyGpt;
import ai.based.fhe.zkllm.model.Weights;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A test fixture for bootstrapped passes on a small insecure ring where a bootstrap takes about a second: N = 2^11, a
 * two-layer micro model's 512 slots (32 features x 16 tokens) replicated twice, ten levels left after bootstrapping,
 * grouped key-switching digits. Shared with the miner's tests through this module's test jar.
 */
public final class MicroBootstrapping {
    public static final BootstrapParameters SET = new BootstrapParameters(new ParametersLiteral(11, chain(), Collections.nCopies(3, 60), 40), 9, 2, 2,
            32, 12, 31, 3);

    private MicroBootstrapping() {}

    /** q_0 50, ten 40-bit model levels (as N16_MODEL), SlotsToCoeffs 2 x 50, EvalMod 10 x 60, CoeffsToSlots 2 x 60. */
    private static List<Integer> chain() {
        List<Integer> logQ = new ArrayList<>(List.of(50));
        logQ.addAll(Collections.nCopies(10, 40));
        logQ.addAll(Collections.nCopies(2, 50));
        logQ.addAll(Collections.nCopies(10, 60));
        logQ.addAll(Collections.nCopies(2, 60));
        return logQ;
    }

    /** The set's parameters, insecure by design (tests only). */
    public static Parameters parameters(String purpose) {
        return InsecureParameters.forTest(purpose, SET.ckks());
    }

    /** The frame a model runs in at those parameters: the set's slots, starting at the level bootstrapping leaves. */
    public static CircuitFrame frame(Parameters params) {
        return new CircuitFrame(params, SET.slots(), Bootstrapper.outputLevel(SET));
    }

    /** Two layers, so that the second layer's attention finds too few levels and the state is refreshed. */
    public static ModelConfig config() {
        ModelConfig micro = ModelConfig.micro();
        return new ModelConfig("micro-2", 2, micro.dModel(), micro.heads(), micro.context(), micro.vocab(), micro.power(), true,
                micro.steps(), micro.batch(), micro.learningRate(), micro.seed());
    }

    /** The same model with an attention divisor bounded to [1, 64], as tiny-bounded's. */
    public static ModelConfig bounded(ModelConfig config) {
        return new ModelConfig(config.name() + "-bounded", config.layers(), config.dModel(), config.heads(), config.context(), config.vocab(),
                config.power(), true, config.steps(), config.batch(), config.learningRate(), config.seed(), new BoundedAttention(1, 64));
    }

    /** Fresh weights, scaled so that the activations are of the trained models' order rather than 0.02. */
    public static Weights weights(ModelConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights fresh = PolyGpt.initialize(config, manager).weights();
            Weights scaled = new Weights();
            fresh.all().forEach((name, tensor) -> {
                float[] values = tensor.values().clone();
                if (tensor.shape().length == 2) for (int i = 0; i < values.length; i++) values[i] *= 10;
                scaled.put(name, new Weights.Tensor(tensor.shape(), values));
            });
            return scaled;
        }
    }
}
