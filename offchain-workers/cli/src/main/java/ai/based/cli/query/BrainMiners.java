package ai.based.cli.query;

import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.client.basedai.MinerDirectory;
import ai.based.client.basedai.ServingMiner;
import ai.based.fhe.zkllm.model.ModelId;
import java.net.URI;
import java.util.List;

/** A Brain's model and serving miners as the chain lists them; optionally only the one at a chosen endpoint. */
record BrainMiners(ModelId model, List<MinerCandidate> candidates) {
    static BrainMiners find(BasedSession session, long brainId, URI only) throws Exception {
        MinerDirectory directory = new MinerDirectory(session);
        ModelId model;
        try {
            model = ModelId.parse(directory.modelId(brainId));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Brain #" + brainId + ": " + e.getMessage(), e);
        }
        List<MinerCandidate> candidates = directory.serving(brainId).stream()
                .filter(m -> only == null || URI.create(m.endpoint()).equals(only))
                .map(BrainMiners::candidate).toList();
        if (candidates.isEmpty()) {
            throw new InvalidInputException(only == null ? "no miner of Brain #" + brainId + " announces an endpoint: start one with 'based miner start'"
                    : "no miner of Brain #" + brainId + " serves at " + only);
        }
        return new BrainMiners(model, candidates);
    }

    private static MinerCandidate candidate(ServingMiner m) {
        return new MinerCandidate(URI.create(m.endpoint()), m.certificateSha256(), "miner uid " + m.uid() + " (" + m.account() + ") at " + m.endpoint(),
                m.account());
    }
}
