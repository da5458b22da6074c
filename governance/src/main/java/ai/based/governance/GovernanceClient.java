package ai.based.governance;

import ai.based.contracts.GigaBrainGovernor;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.BasedSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** GigaBrain governance from the client side: propose, vote with a Brain, follow a proposal to execution. */
public final class GovernanceClient {
    /** Vote values of GovernorCountingSimple's bravo mode. */
    public enum Support { AGAINST, FOR, ABSTAIN }

    private final BasedSession session;

    public GovernanceClient(BasedSession session) {
        this.session = session;
    }

    public BigInteger propose(Credentials proposer, List<ProposalAction> actions, String description) throws Exception {
        List<String> targets = actions.stream().map(a -> session.address(a.contract())).toList();
        List<BigInteger> values = actions.stream().map(a -> BigInteger.ZERO).toList();
        List<byte[]> calldatas = actions.stream().map(a -> Numeric.hexStringToByteArray(a.calldata())).toList();
        TransactionReceipt receipt = session.governor(session.signer(proposer)).propose(targets, values, calldatas, description).send();
        return GigaBrainGovernor.getProposalCreatedEvents(receipt).getFirst().proposalId;
    }

    public TransactionReceipt vote(Credentials voter, BigInteger proposalId, long brainId, Support support, String reason)
            throws Exception {
        return session.governor(session.signer(voter)).castVoteWithReasonAndParams(proposalId,
                BigInteger.valueOf(support.ordinal()), reason, Numeric.toBytesPadded(BigInteger.valueOf(brainId), 32)).send();
    }

    /** Queues a succeeded proposal, or executes a queued one whose timelock delay has passed. Returns the new state. */
    public ProposalState advance(Credentials caller, BigInteger proposalId) throws Exception {
        GigaBrainGovernor.ProposalCreatedEventResponse created = created(proposalId)
                .orElseThrow(() -> new IllegalArgumentException("no proposal " + proposalId));
        var governor = session.governor(session.signer(caller));
        byte[] descriptionHash = Hash.sha3(created.description.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ProposalState state = ProposalState.of(governor.state(proposalId).send());
        switch (state) {
            case SUCCEEDED -> governor.queue(created.targets, created.values, created.calldatas, descriptionHash).send();
            case QUEUED -> governor.execute(created.targets, created.values, created.calldatas, descriptionHash, BigInteger.ZERO).send();
            default -> throw new IllegalStateException("proposal " + proposalId + " is " + state.name().toLowerCase()
                    + ": only succeeded proposals can be queued and only queued ones executed");
        }
        return ProposalState.of(governor.state(proposalId).send());
    }

    public ProposalView show(BigInteger proposalId) throws Exception {
        GigaBrainGovernor.ProposalCreatedEventResponse created = created(proposalId)
                .orElseThrow(() -> new IllegalArgumentException("no proposal " + proposalId));
        var governor = session.governor(session.reader());
        var tally = governor.tally(proposalId).send();
        long snapshot = governor.proposalSnapshot(proposalId).send().longValueExact();
        return new ProposalView(proposalId, created.proposer, created.description, ProposalState.of(governor.state(proposalId).send()),
                snapshot, governor.proposalDeadline(proposalId).send().longValueExact(), tally.component1().longValueExact(),
                tally.component2().longValueExact(), tally.component3().longValueExact(), tally.component4().longValueExact(),
                governor.isYearOne(BigInteger.valueOf(snapshot)).send(), created.targets);
    }

    public List<ProposalView> list() throws Exception {
        List<ProposalView> views = new ArrayList<>();
        for (var created : allCreated()) views.add(show(created.proposalId));
        return views;
    }

    private Optional<GigaBrainGovernor.ProposalCreatedEventResponse> created(BigInteger proposalId) throws Exception {
        return allCreated().stream().filter(c -> c.proposalId.equals(proposalId)).findFirst();
    }

    private List<GigaBrainGovernor.ProposalCreatedEventResponse> allCreated() throws Exception {
        List<GigaBrainGovernor.ProposalCreatedEventResponse> created = new ArrayList<>();
        for (Log log : session.logs(BasedAiContracts.GOVERNOR, EventEncoder.encode(GigaBrainGovernor.PROPOSALCREATED_EVENT))) {
            created.add(GigaBrainGovernor.getProposalCreatedEventFromLog(log));
        }
        return created;
    }
}
