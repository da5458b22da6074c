package ai.based.cli.query;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

import ai.based.cli.Progress;
import ai.based.client.InvalidInputException;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.MinerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders a Brain's miners for a client (a query or a diagnosis): those answering a health check, fastest first; a
 * miner that serves another model than the Brain's (by content id), or says it is another account than the chain
 * lists, is reported and left out.
 */
final class MinerRanking {
    private MinerRanking() {}

    /** A miner that answered, with the account it is paid at (from its info). */
    record Ranked(MinerClient client, String account) {}

    /** What a query needs of a miner beyond the model, judged from its info: why it falls short, or empty. */
    @FunctionalInterface
    interface Requirement {
        Optional<String> unmetBy(JsonObject info);

        Requirement NONE = info -> Optional.empty();
    }

    static List<Ranked> rank(List<MinerCandidate> candidates, ModelId model, Duration timeout, Progress progress) {
        return rank(candidates, model, timeout, progress, Requirement.NONE);
    }

    static List<Ranked> rank(List<MinerCandidate> candidates, ModelId model, Duration timeout, Progress progress, Requirement requirement) {
        record Measured(Ranked miner, double seconds) {}
        List<Measured> answering = new ArrayList<>();
        for (MinerCandidate candidate : candidates) {
            MinerClient miner = new MinerClient(candidate.endpoint(), candidate.certificateSha256(), timeout);
            try {
                double seconds = miner.latency();
                var info = miner.info();
                String serves = info.getString("model", "");
                if (!model.toString().equals(serves)) {
                    progress.accept("skipping " + candidate.label() + ": it serves " + serves + ", the Brain names " + model);
                    continue;
                }
                Optional<String> unmet = requirement.unmetBy(info);
                if (unmet.isPresent()) {
                    progress.accept("skipping " + candidate.label() + ": " + unmet.get());
                    continue;
                }
                String account = info.getString("miner", "");
                if (candidate.account() != null && !candidate.account().equalsIgnoreCase(account)) {
                    progress.accept("skipping " + candidate.label() + ": it says it is " + account + ", the chain lists " + candidate.account());
                    continue;
                }
                answering.add(new Measured(new Ranked(miner, account), seconds));
            } catch (MinerException e) {
                progress.accept("skipping " + candidate.label() + ": " + e.getMessage());
            }
        }
        if (answering.isEmpty()) throw new InvalidInputException("no miner answered a health check with " + model + ": nothing to query");
        return answering.stream().sorted(Comparator.comparingDouble(Measured::seconds)).map(Measured::miner).toList();
    }
}
