package ai.based.cli.query;

import ai.based.cli.Progress;
import ai.based.client.InvalidInputException;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.miner.EvaluationKeyFormat;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.MinerException;
import ai.based.miner.remote.RemoteSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Generation with miners across the network: the miners answering a health check are tried fastest first; each must
 * serve the expected model (by content id); the key set is uploaded where it is missing; a miner that fails on its side
 * (unreachable, killed mid-pass, busy, 5xx) is reported by name and, with retry, the generation goes on at the next
 * one from the tokens it already has. A miner's refusal of the client's own input (4xx) ends the query.
 */
final class RemoteGeneration {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final ZkllmClient client;
    private final EvaluationKeys keys;
    private final EvaluationKeyFormat format;
    private final ModelId model;
    private final boolean retry;
    private final Progress progress;
    private final String payer;

    RemoteGeneration(ZkllmClient client, EvaluationKeys keys, EvaluationKeyFormat format, ModelId model, boolean retry, String payer, Progress progress) {
        this.client = client;
        this.keys = keys;
        this.format = format;
        this.model = model;
        this.retry = retry;
        this.payer = payer;
        this.progress = progress;
    }

    /** The miners that answer, fastest first; the others are reported and left out. */
    List<MinerClient> rank(List<MinerCandidate> candidates) {
        record Measured(MinerClient client, double seconds) {}
        List<Measured> answering = new ArrayList<>();
        for (MinerCandidate candidate : candidates) {
            MinerClient miner = new MinerClient(candidate.endpoint(), candidate.certificateSha256(), TIMEOUT);
            try {
                double seconds = miner.latency();
                String serves = miner.info().getString("model", "");
                if (!model.toString().equals(serves)) {
                    progress.accept("skipping " + candidate.label() + ": it serves " + serves + ", the Brain names " + model);
                    continue;
                }
                answering.add(new Measured(miner, seconds));
            } catch (MinerException e) {
                progress.accept("skipping " + candidate.label() + ": " + e.getMessage());
            }
        }
        if (answering.isEmpty()) throw new InvalidInputException("no miner answered a health check with " + model + ": nothing to query");
        return answering.stream().sorted(Comparator.comparingDouble(Measured::seconds)).map(Measured::client).toList();
    }

    List<EncryptedGeneration.Step> generate(List<MinerClient> miners, BpeTokenizer tokenizer, int context, List<Integer> prompt, int tokens,
            double temperature, Random random, Consumer<EncryptedGeneration.Step> onToken) throws Exception {
        List<EncryptedGeneration.Step> steps = new ArrayList<>();
        for (int m = 0; m < miners.size() && steps.size() < tokens; m++) {
            MinerClient miner = miners.get(m);
            try {
                long sent = miner.uploadKeys(client.keySetId(), keys, format);
                progress.accept(sent > 0 ? String.format("uploaded the key set to %s (%,d bytes)", miner.endpoint(), sent)
                        : "the key set is already at " + miner.endpoint());
                try (RemoteSession session = miner.openSession(payer)) {
                    List<Integer> sequence = new ArrayList<>(prompt);
                    steps.forEach(s -> sequence.add(s.token()));
                    new EncryptedGeneration(client, session, tokenizer, context).generate(sequence, tokens - steps.size(), temperature, random,
                            step -> {
                                steps.add(step);
                                onToken.accept(step);
                            });
                }
            } catch (MinerException e) {
                if (!e.minerSide()) throw new InvalidInputException(e.getMessage(), e);
                boolean more = retry && m + 1 < miners.size();
                progress.accept("miner " + e.miner() + " failed after " + steps.size() + " of " + tokens + " tokens: " + e.getMessage()
                        + (more ? "; moving to " + miners.get(m + 1).endpoint() : retry ? "; no other miner is left" : " (--retry moves to another miner)"));
                if (!more) throw new InvalidInputException("the query stopped: " + e.getMessage(), e);
            }
        }
        return steps;
    }
}
