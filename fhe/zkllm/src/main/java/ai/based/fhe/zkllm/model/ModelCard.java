package ai.based.fhe.zkllm.model;

/**
 * What a trained model is and how good it is, written next to its weights.
 *
 * @param validationLoss mean cross-entropy (nats per token) on the held-out verses
 * @param unigramLoss the same for a unigram model of the training tokens (add-one smoothed): the baseline
 */
public record ModelCard(ModelConfig config, long parameters, long tokensSeen, double trainingSeconds, double validationLoss,
        double unigramLoss, int validationTokens, int threads, String trainedOn) {
    public double validationPerplexity() {
        return Math.exp(validationLoss);
    }

    public double unigramPerplexity() {
        return Math.exp(unigramLoss);
    }

    public String summary() {
        return String.format("%s (%s): %,d parameters, %,d tokens seen in %.0f s on %d thread(s); validation loss %.3f "
                + "(perplexity %.1f) vs unigram %.3f (perplexity %.1f) over %,d held-out tokens",
                config.name(), config.heFriendly() ? "Power-Softmax p=" + config.power() + ", quadratic activation, affine norm"
                        : "softmax, GELU, LayerNorm", parameters, tokensSeen, trainingSeconds, threads, validationLoss,
                validationPerplexity(), unigramLoss, unigramPerplexity(), validationTokens);
    }
}
