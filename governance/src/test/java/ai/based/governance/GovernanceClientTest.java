package ai.based.governance;

import ai.based.client.InvalidInputException;
import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.Reverts;
import ai.based.client.BasedSession;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.deployment.BasedChainFixture;
import ai.based.governance.GovernanceClient.Support;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.web3j.crypto.Credentials;

/**
 * GovernanceClient on a real BasedAI devnet in year one: proposals of parsed actions, GigaBrain votes, queue and
 * execute through the timelock; refused votes and refused steps change neither the tally nor the parameters.
 */
@Tag("devnet")
class GovernanceClientTest {
    private static final String NO_VALIDATOR = "0x0000000000000000000000000000000000000000";
    private static final Credentials ALICE = DevAccounts.account(2);
    private static final Credentials BOB = DevAccounts.account(3);
    private static final Credentials CAROL = DevAccounts.account(4);
    private static final Credentials OUTSIDER = DevAccounts.account(8);
    private static BasedChainFixture chain;
    private static BasedSession session;
    private static GovernanceClient client;

    /** alice owns GigaBrains 20 and 21, bob GigaBrain 22 (1,000 BASED each), carol Brain 23 with 4 BASED (0.13%). */
    @BeforeAll
    static void gigaBrains() throws Exception {
        chain = BasedChainFixture.yearOne();
        session = chain.session;
        client = new GovernanceClient(session);
        chain.sync(20, ALICE, 1, 0);
        chain.sync(21, ALICE, 1, 0);
        chain.sync(22, BOB, 1, 0);
        chain.sync(23, CAROL, 1, 0);
        chain.fund(ALICE, based(2_000));
        chain.fund(BOB, based(1_000));
        chain.fund(CAROL, based(4));
        stake(ALICE, 20, based(1_000));
        stake(ALICE, 21, based(1_000));
        stake(BOB, 22, based(1_000));
        stake(CAROL, 23, based(4));
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    private static void stake(Credentials who, long brainId, BigInteger amount) throws Exception {
        session.stakes(session.signer(who)).stake(BigInteger.valueOf(brainId), NO_VALIDATOR, amount).send();
    }

    /** Proposes and mines past the voting delay, so the vote is open. */
    private static BigInteger openProposal(Credentials proposer, String action, String description) throws Exception {
        BigInteger id = client.propose(proposer, List.of(ProposalAction.parse(action)), description);
        chain.mine(2);
        return id;
    }

    private static void closeVote() {
        chain.mine(31);
    }

    private static BigInteger bonusPool() throws Exception {
        return session.emission(session.reader()).bonusPoolBps().send();
    }

    @Test
    void aProposalOfParsedActionsIsShownVotedQueuedAndExecuted() throws Exception {
        BigInteger id = client.propose(ALICE, List.of(ProposalAction.parse("bonus-pool=2000")), "client: bonus pool to 20%");
        ProposalView pending = client.show(id);
        assertThat(pending.proposer()).isEqualToIgnoringCase(ALICE.getAddress());
        assertThat(pending.description()).isEqualTo("client: bonus pool to 20%");
        assertThat(pending.state()).isEqualTo(ProposalState.PENDING);
        assertThat(pending.targets()).containsExactly(session.address(BasedAiContracts.EMISSION_CONTROLLER));
        assertThat(pending.yearOne()).isTrue();
        assertThat(client.list()).extracting(ProposalView::id).contains(id);

        chain.mine(2);
        client.vote(ALICE, id, 20, Support.FOR, "more for the best Brains");
        client.vote(BOB, id, 22, Support.ABSTAIN, "");
        ProposalView active = client.show(id);
        assertThat(active.state()).isEqualTo(ProposalState.ACTIVE);
        assertThat(List.of(active.against(), active.support(), active.abstain(), active.gigaBrains())).containsExactly(0L, 1L, 1L, 3L);

        closeVote();
        assertThat(client.advance(OUTSIDER, id)).isEqualTo(ProposalState.QUEUED);
        assertThat(bonusPool()).as("queued is not executed").isNotEqualTo(BigInteger.valueOf(2000));
        DevnetClock.advance(chain.basedai, Duration.ofSeconds(2));
        assertThat(client.advance(OUTSIDER, id)).isEqualTo(ProposalState.EXECUTED);
        assertThat(bonusPool()).isEqualTo(2000);
    }

    @Test
    void aBondVariantProposalSwitchesTheOraclesToYuma3ThroughTheTimelock() throws Exception {
        ValidatorWeightsClient weights = new ValidatorWeightsClient(session);
        assertThat(weights.bondVariant()).as("Yuma until governance says otherwise").isZero();
        BigInteger id = openProposal(ALICE, "bond-variant=yuma3", "client: Yuma3 bonds");
        assertThat(client.show(id).targets()).containsExactly(session.address(BasedAiContracts.VALIDATOR_WEIGHTS));
        client.vote(ALICE, id, 20, Support.FOR, "bonds that do not punish early discovery");
        closeVote();
        assertThat(client.advance(OUTSIDER, id)).isEqualTo(ProposalState.QUEUED);
        assertThat(weights.bondVariant()).as("queued is not executed").isZero();
        DevnetClock.advance(chain.basedai, Duration.ofSeconds(2));
        assertThat(client.advance(OUTSIDER, id)).isEqualTo(ProposalState.EXECUTED);
        assertThat(weights.bondVariant()).isEqualTo(1);
    }

    @Test
    void votingTwiceWithOneBrainIsRefusedAndCountsOnce() throws Exception {
        BigInteger id = openProposal(BOB, "max-validator-take=1700", "client: vote twice");
        client.vote(ALICE, id, 20, Support.AGAINST, "");
        Reverts.expect("GovernorBrainAlreadyVoted", () -> client.vote(ALICE, id, 20, Support.FOR, ""));
        Reverts.expect("GovernorBrainAlreadyVoted", () -> client.vote(ALICE, id, 20, Support.AGAINST, ""));
        ProposalView view = client.show(id);
        assertThat(List.of(view.against(), view.support(), view.abstain())).containsExactly(1L, 0L, 0L);
    }

    @Test
    void votingWithoutAGigaBrainIsRefusedAndLeavesTheTallyAlone() throws Exception {
        BigInteger id = openProposal(BOB, "max-validator-take=1600", "client: no GigaBrain");
        Reverts.expect("GovernorNotGigaBrainOwner", () -> client.vote(CAROL, id, 23, Support.FOR, "below 0.5%"));
        Reverts.expect("GovernorNotGigaBrainOwner", () -> client.vote(OUTSIDER, id, 22, Support.FOR, "not mine"));
        Reverts.expect("GovernorNotGigaBrainOwner", () -> client.vote(OUTSIDER, id, 999, Support.FOR, "no such Brain"));
        ProposalView view = client.show(id);
        assertThat(List.of(view.against(), view.support(), view.abstain())).containsExactly(0L, 0L, 0L);
    }

    @Test
    void onlyAllowedProposersMayProposeAndARefusalCreatesNothing() throws Exception {
        int before = client.list().size();
        Reverts.expect("GovernorProposerNotAllowed", () -> client.propose(OUTSIDER, List.of(ProposalAction.parse("pause=registry")),
                "client: outsider proposes"));
        Reverts.expect("GovernorProposerNotAllowed", () -> client.propose(CAROL, List.of(ProposalAction.parse("pause=registry")),
                "client: small Brain proposes"));
        assertThat(client.list()).hasSize(before);
    }

    @Test
    void aProposalStillVotingOrDefeatedCannotBeAdvancedAndNothingIsExecuted() throws Exception {
        BigInteger before = bonusPool();
        BigInteger id = openProposal(BOB, "bonus-pool=1234", "client: defeated by GigaBrains");
        assertThatThrownBy(() -> client.advance(OUTSIDER, id))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("proposal " + id + " is active: only succeeded proposals can be queued and only queued ones executed");

        client.vote(ALICE, id, 20, Support.AGAINST, "");
        client.vote(ALICE, id, 21, Support.AGAINST, "");
        closeVote();
        assertThat(client.show(id).state()).as("2 of 3 GigaBrains against in year one").isEqualTo(ProposalState.DEFEATED);
        assertThatThrownBy(() -> client.advance(OUTSIDER, id)).isInstanceOf(IllegalStateException.class).hasMessageContaining("is defeated");
        assertThat(client.show(id).state()).isEqualTo(ProposalState.DEFEATED);
        assertThat(bonusPool()).isEqualTo(before);
    }

    @Test
    void anUnknownProposalIsNamed() {
        BigInteger unknown = BigInteger.valueOf(12_345);
        assertThatThrownBy(() -> client.show(unknown)).isInstanceOf(InvalidInputException.class).hasMessage("no proposal 12345");
        assertThatThrownBy(() -> client.advance(OUTSIDER, unknown)).isInstanceOf(InvalidInputException.class)
                .hasMessage("no proposal 12345");
    }
}
