package ai.based.cli.query;

import ai.based.cli.Progress;
import ai.based.cli.query.MinerRanking.Ranked;
import ai.based.client.InvalidInputException;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.miner.remote.ChannelPayer;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.MinerException;
import ai.based.miner.remote.RemoteSession;
import java.time.Duration;
import java.util.ArrayList;
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
    private final KeyUpload upload;
    private final boolean nonInteractive;
    private final boolean retry;
    private final Progress progress;
    private final ChannelPayer payer;

    /** Puts the client's key set on a miner unless it holds it; the bytes sent (0 when it was there). */
    @FunctionalInterface
    interface KeyUpload {
        long to(MinerClient miner) throws MinerException;
    }

    /**
     * @param upload the interactive key set, or the non-interactive one (the model's keys and bootstrapping's)
     * @param nonInteractive the passes ask the client nothing: a miner asking anyway is refused as untrusted
     * @param payer signs a receipt per sound token; null against a miner that serves without payment (offline)
     */
    RemoteGeneration(ZkllmClient client, KeyUpload upload, boolean nonInteractive, boolean retry,
            ChannelPayer payer, Progress progress) {
        this.client = client;
        this.upload = upload;
        this.nonInteractive = nonInteractive;
        this.retry = retry;
        this.payer = payer;
        this.progress = progress;
    }

    /**
     * The miners that answer, fastest first; the others are reported and left out. For a non-interactive query, only
     * those serving such passes at {@code parameters}.
     */
    static List<Ranked> rank(List<MinerCandidate> candidates, ModelId model, boolean nonInteractive, String parameters, Progress progress) {
        return MinerRanking.rank(candidates, model, TIMEOUT, progress, nonInteractive ? info -> unmetNonInteractive(info, parameters)
                : MinerRanking.Requirement.NONE);
    }

    private static java.util.Optional<String> unmetNonInteractive(io.vertx.core.json.JsonObject info, String parameters) {
        if (!(info.getValue("nonInteractive") instanceof io.vertx.core.json.JsonObject mode)) {
            return java.util.Optional.of("it serves passes with client round trips only (start it with --non-interactive)");
        }
        String theirs = String.valueOf(mode.getValue("parameters"));
        if (!parameters.equals(theirs)) {
            return java.util.Optional.of("its non-interactive passes run at " + theirs + ", this client's key set is for " + parameters);
        }
        return java.util.Optional.empty();
    }

    List<EncryptedGeneration.Step> generate(List<Ranked> miners, BpeTokenizer tokenizer, int context, List<Integer> prompt, int tokens,
            double temperature, Random random, Consumer<EncryptedGeneration.Step> onToken) throws Exception {
        List<EncryptedGeneration.Step> steps = new ArrayList<>();
        for (int m = 0; m < miners.size() && steps.size() < tokens; m++) {
            Ranked ranked = miners.get(m);
            MinerClient miner = ranked.client();
            try {
                long sent = upload.to(miner);
                progress.accept(sent > 0 ? String.format("uploaded the key set to %s (%,d bytes)", miner.endpoint(), sent)
                        : "the key set is already at " + miner.endpoint());
                try (RemoteSession session = miner.openSession(payer == null ? "" : payer.payer())) {
                    List<Integer> sequence = new ArrayList<>(prompt);
                    steps.forEach(s -> sequence.add(s.token()));
                    new EncryptedGeneration(client, session, tokenizer, context, nonInteractive).generate(sequence, tokens - steps.size(), temperature, random,
                            step -> {
                                judgeAndPay(session, ranked, step);
                                steps.add(step);
                                onToken.accept(step);
                            });
                }
            } catch (MinerException | Untrusted e) {
                MinerException failure = e instanceof Untrusted u ? u.reason : (MinerException) e;
                if (!failure.minerSide()) throw new InvalidInputException(failure.getMessage(), failure);
                boolean more = retry && m + 1 < miners.size();
                progress.accept("miner " + failure.miner() + " failed after " + steps.size() + " of " + tokens + " tokens: " + failure.getMessage()
                        + (more ? "; moving to " + miners.get(m + 1).client().endpoint() : retry ? "; no other miner is left"
                                : " (--retry moves to another miner)"));
                if (!more) throw new InvalidInputException("the query stopped: " + failure.getMessage(), failure);
            }
        }
        return steps;
    }

    /**
     * Judges a decoded token only now, after the answer: a token whose round trips carried out-of-range values is not
     * paid and ends this miner's turn; a sound one is paid before the next pass.
     */
    private void judgeAndPay(RemoteSession session, Ranked miner, EncryptedGeneration.Step step) {
        if (step.anomalies() > 0) {
            throw new Untrusted(new MinerException(miner.client().endpoint().toString(), 0, "its round trips carried " + step.anomalies()
                    + " values out of range (first: " + step.firstAnomaly() + "; faulty or malicious): the token is discarded and not paid",
                    java.util.Optional.empty(), null));
        }
        if (payer == null) return;
        try {
            session.pay(payer.oneMoreUnit(miner.account()));
        } catch (MinerException e) {
            throw new Untrusted(e);
        } catch (Exception e) {
            throw new InvalidInputException("could not sign the receipt for the token: " + e.getMessage(), e);
        }
    }

    /** Carries a miner's failure out of the generation's callback. */
    private static final class Untrusted extends RuntimeException {
        private final MinerException reason;

        Untrusted(MinerException reason) {
            super(reason.getMessage(), reason);
            this.reason = reason;
        }
    }
}
