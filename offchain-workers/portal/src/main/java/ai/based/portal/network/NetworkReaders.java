package ai.based.portal.network;

import ai.based.bridge.MessengerEnd;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.manifest.Manifest;
import java.time.Clock;

/**
 * Everything the network endpoints read, for one deployment manifest: sessions on both chains, the readers, their log
 * cursors and answer cache. A redeployment (another manifest) gets a fresh set, so no cursor or cached answer of the
 * old chain survives it.
 */
final class NetworkReaders implements AutoCloseable {
    final Manifest manifest;
    final BasedSession basedai;
    final EthereumSession ethereum;
    final NetworkOverview overview;
    final BrainDetail brains;
    final ProposalBoard proposals;
    final BridgeStatus bridge;
    final MinerLatency latency;
    final HeadCache cache = new HeadCache();

    NetworkReaders(Manifest manifest) {
        this.manifest = manifest;
        this.basedai = BasedSession.open(manifest);
        this.ethereum = EthereumSession.open(manifest);
        this.overview = new NetworkOverview(basedai);
        this.brains = new BrainDetail(basedai);
        this.proposals = new ProposalBoard(basedai, ethereum);
        this.bridge = new BridgeStatus(MessengerEnd.ethereum(ethereum), MessengerEnd.basedai(basedai));
        this.latency = new MinerLatency(basedai, Clock.systemUTC());
    }

    @Override
    public void close() {
        latency.close();
        brains.close();
        ethereum.close();
        basedai.close();
    }
}
