package ai.based.portal.network;

import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.manifest.BridgeContracts;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.GigaBrainGovernor;
import ai.based.contracts.PepeChamber;
import ai.based.governance.ProposalState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;

/**
 * GigaBrain proposals for the page: the newest {@link #SHOWN} (from a {@link LogCursor} over ProposalCreated that keeps
 * {@link #KEPT}), each with its state, the GigaBrain tally, and the Pepecoin chamber's: the live escrow totals on
 * Ethereum while its window is open, and the tally recorded on the BasedAI chain once it crossed the bridge.
 */
final class ProposalBoard {
    static final int KEPT = 256;
    static final int SHOWN = 32;

    private final BasedSession basedai;
    private final EthereumSession ethereum;
    private final LogCursor created;

    ProposalBoard(BasedSession basedai, EthereumSession ethereum) {
        this.basedai = basedai;
        this.ethereum = ethereum;
        this.created = new LogCursor(basedai, BasedAiContracts.GOVERNOR, EventEncoder.encode(GigaBrainGovernor.PROPOSALCREATED_EVENT), KEPT);
    }

    JsonObject read(long head) throws Exception {
        GigaBrainGovernor governor = basedai.governor(basedai.reader());
        List<Log> logs = created.upTo(head);
        JsonArray rows = new JsonArray();
        for (int i = logs.size() - 1; i >= 0 && rows.size() < SHOWN; i--) {
            var event = GigaBrainGovernor.getProposalCreatedEventFromLog(logs.get(i));
            rows.add(proposal(governor, event));
        }
        return new JsonObject().put("head", head).put("complete", created.caughtUp(head)).put("proposals", rows);
    }

    private JsonObject proposal(GigaBrainGovernor governor, GigaBrainGovernor.ProposalCreatedEventResponse event) throws Exception {
        BigInteger id = event.proposalId;
        var tally = governor.tally(id).send();
        long snapshot = governor.proposalSnapshot(id).send().longValueExact();
        var pepe = governor.pepeTally(id).send();
        JsonObject row = new JsonObject()
                .put("id", id.toString()).put("proposer", event.proposer).put("description", event.description)
                .put("state", ProposalState.of(governor.state(id).send()).name())
                .put("snapshot", snapshot).put("deadline", governor.proposalDeadline(id).send().longValueExact())
                .put("yearOne", governor.isYearOne(BigInteger.valueOf(snapshot)).send())
                .put("gigaBrains", new JsonObject().put("against", tally.component1().toString()).put("for", tally.component2().toString())
                        .put("abstain", tally.component3().toString()).put("eligible", tally.component4().toString()))
                .put("pepeRecorded", new JsonObject().put("recorded", pepe.recorded).put("against", pepe.againstPepe.toString())
                        .put("for", pepe.forPepe.toString()).put("abstain", pepe.abstainPepe.toString()));
        if (ethereum != null) {
            try {
                PepeChamber.Window window = PepeChamber.load(ethereum.address(BridgeContracts.PEPE_CHAMBER), ethereum.node().web3j(),
                        ethereum.reader(), TxManager.WRAPPER_GAS).window(id).send();
                row.put("pepeChamber", new JsonObject().put("closesAt", window.closesAt.longValueExact()).put("tallySent", window.tallySent)
                        .put("against", window.againstPepe.toString()).put("for", window.forPepe.toString())
                        .put("abstain", window.abstainPepe.toString()));
            } catch (Exception e) {
                // the Ethereum node is away: the GigaBrain side still shows, the page says the live escrow is unknown
                row.put("pepeChamberError", "the Ethereum node did not answer: " + e.getMessage());
            }
        }
        return row;
    }
}
