package ai.based.validator;

import ai.based.client.BasedSession;
import ai.based.client.basedai.MinerDirectory;
import ai.based.client.basedai.ServingMiner;
import java.net.URI;
import java.util.List;

/** The Brain's serving miners as the chain lists them now (discovery is on chain, as a user's query does it). */
public final class MinerRoster implements ValidatorService.Roster {
    private final MinerDirectory directory;
    private final long brainId;

    public MinerRoster(BasedSession session, long brainId) {
        this.directory = new MinerDirectory(session);
        this.brainId = brainId;
    }

    @Override
    public List<MinerTarget> serving() throws Exception {
        return directory.serving(brainId).stream().map(MinerRoster::target).toList();
    }

    /** The model the Brain names on chain, as a content id. */
    public String modelId() throws Exception {
        return directory.modelId(brainId);
    }

    private static MinerTarget target(ServingMiner m) {
        return new MinerTarget(Math.toIntExact(m.uid()), m.account(), URI.create(m.endpoint()), m.certificateSha256());
    }
}
