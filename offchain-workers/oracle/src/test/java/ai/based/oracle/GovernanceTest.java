package ai.based.oracle;

import static ai.based.deployment.BasedChainFixture.based;
import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.anvil.AnvilConfig;
import ai.based.chain.anvil.AnvilNode;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.TxManager;
import ai.based.client.EthereumSession;
import ai.based.contracts.GigaBrainGovernor;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** GigaBrain governance in year one and after, executed through the timelock on a real anvil. */
@Tag("devnet")
class GovernanceTest {
    private static final int DEFEATED = 3;
    private static final int SUCCEEDED = 4;
    private static final int EXECUTED = 7;
    private static final int AGAINST = 0;
    private static final int FOR = 1;

    private final Credentials admin = BasedChainFixture.ADMIN;
    private final Credentials alice = DevAccounts.account(2);
    private final Credentials bob = DevAccounts.account(3);
    private final Credentials carol = DevAccounts.account(4);
    private final Credentials outsider = DevAccounts.account(8);

    /** alice owns GigaBrains 20 and 21, bob GigaBrain 22 (1,000 BASED each), carol Brain 23 with 4 BASED (0.13%). */
    private void setUpBrains(BasedChainFixture chain) throws Exception {
        chain.sync(20, alice, 1, 0);
        chain.sync(21, alice, 1, 0);
        chain.sync(22, bob, 1, 0);
        chain.sync(23, carol, 1, 0);
        chain.fund(alice, based(2_000));
        chain.fund(bob, based(1_000));
        chain.fund(carol, based(4));
        var aliceStakes = chain.session.stakes(chain.session.signer(alice));
        aliceStakes.stake(BigInteger.valueOf(20), OracleTestSupport.NO_VALIDATOR, based(1_000)).send();
        aliceStakes.stake(BigInteger.valueOf(21), OracleTestSupport.NO_VALIDATOR, based(1_000)).send();
        chain.session.stakes(chain.session.signer(bob)).stake(BigInteger.valueOf(22), OracleTestSupport.NO_VALIDATOR, based(1_000)).send();
        chain.session.stakes(chain.session.signer(carol)).stake(BigInteger.valueOf(23), OracleTestSupport.NO_VALIDATOR, based(4)).send();
    }

    private record Proposal(BigInteger id, List<String> targets, List<BigInteger> values, List<byte[]> calldatas, byte[] descriptionHash) {}

    private Proposal propose(BasedChainFixture chain, Credentials proposer, int bonusBps) throws Exception {
        String target = chain.session.address("EmissionController");
        byte[] call = Numeric.hexStringToByteArray(FunctionEncoder.encode(
                new Function("setBonusPool", List.of(new Uint256(bonusBps)), List.of())));
        String description = "set the bonus pool to " + bonusBps + " bps";
        var receipt = chain.session.governor(chain.session.signer(proposer))
                .propose(List.of(target), List.of(BigInteger.ZERO), List.of(call), description).send();
        BigInteger id = GigaBrainGovernor.getProposalCreatedEvents(receipt).getFirst().proposalId;
        chain.mine(2);
        return new Proposal(id, List.of(target), List.of(BigInteger.ZERO), List.of(call), Hash.sha3(description.getBytes()));
    }

    private static void vote(BasedChainFixture chain, Credentials voter, Proposal p, long brainId, int support) throws Exception {
        chain.session.governor(chain.session.signer(voter)).castVoteWithReasonAndParams(p.id(), BigInteger.valueOf(support),
                "", Numeric.toBytesPadded(BigInteger.valueOf(brainId), 32)).send();
    }

    private static int state(BasedChainFixture chain, Proposal p) throws Exception {
        return chain.session.governor(chain.session.reader()).state(p.id()).send().intValueExact();
    }

    private static void closeVote(BasedChainFixture chain) {
        chain.mine(31);
    }

    private void queueAndExecute(BasedChainFixture chain, Proposal p) throws Exception {
        var governor = chain.session.governor(chain.session.signer(outsider));
        governor.queue(p.targets(), p.values(), p.calldatas(), p.descriptionHash()).send();
        DevnetClock.advance(chain.basedai, Duration.ofSeconds(2));
        governor.execute(p.targets(), p.values(), p.calldatas(), p.descriptionHash(), BigInteger.ZERO).send();
    }

    @Test
    void yearOneProposalsPassUnlessAMajorityOfGigaBrainsVotesAgainst() throws Exception {
        try (BasedChainFixture chain = BasedChainFixture.yearOne()) {
            setUpBrains(chain);
            Proposal silent = propose(chain, alice, 2_000);
            closeVote(chain);
            assertThat(state(chain, silent)).as("no votes in year one: passes").isEqualTo(SUCCEEDED);
            queueAndExecute(chain, silent);
            assertThat(state(chain, silent)).isEqualTo(EXECUTED);
            assertThat(chain.session.emission(chain.session.reader()).bonusPoolBps().send()).isEqualTo(2_000);

            Proposal contested = propose(chain, bob, 1_500);
            vote(chain, alice, contested, 20, AGAINST);
            vote(chain, alice, contested, 21, AGAINST);
            reverts("GovernorBrainAlreadyVoted", () -> vote(chain, alice, contested, 20, FOR));
            vote(chain, bob, contested, 22, FOR);
            reverts("GovernorNotGigaBrainOwner", () -> vote(chain, carol, contested, 23, FOR));
            reverts("GovernorNotGigaBrainOwner", () -> vote(chain, outsider, contested, 22, FOR));
            reverts("GovernorBrainRequired", () -> chain.session.governor(chain.session.signer(bob))
                    .castVote(contested.id(), BigInteger.ONE).send());
            closeVote(chain);
            var tally = chain.session.governor(chain.session.reader()).tally(contested.id()).send();
            assertThat(List.of(tally.component1(), tally.component2(), tally.component4()))
                    .containsExactly(BigInteger.TWO, BigInteger.ONE, BigInteger.valueOf(3));
            assertThat(state(chain, contested)).as("2 of 3 GigaBrains against").isEqualTo(DEFEATED);
        }
    }

    @Test
    void theOwnerOfADeactivatedGigaBrainCanNeitherProposeNorVote() throws Exception {
        try (BasedChainFixture chain = BasedChainFixture.yearOne()) {
            setUpBrains(chain);
            Proposal p = propose(chain, alice, 1_000);
            // Brain 22 deactivated on Ethereum and mirrored: its stake stays, its owner's say goes
            chain.session.registry(chain.session.signer(BasedChainFixture.ADMIN)).syncBrain(BigInteger.valueOf(22), bob.getAddress(),
                    BigInteger.ONE, BigInteger.ZERO, false).send();
            chain.mine(1);
            reverts("GovernorProposerNotAllowed", () -> propose(chain, bob, 1_200));
            reverts("GovernorNotGigaBrainOwner", () -> vote(chain, bob, p, 22, FOR));
        }
    }

    @Test
    void aBrainBelowHalfAPercentAtTheSnapshotCannotVoteAndOutsidersCannotPropose() throws Exception {
        try (BasedChainFixture chain = BasedChainFixture.yearOne()) {
            setUpBrains(chain);
            reverts("GovernorProposerNotAllowed", () -> propose(chain, outsider, 1_000));
            reverts("GovernorProposerNotAllowed", () -> propose(chain, carol, 1_000));
            chain.session.stakes(chain.session.signer(bob)).unstake(BigInteger.valueOf(22), OracleTestSupport.NO_VALIDATOR, based(999)).send();
            Proposal p = propose(chain, alice, 1_000);
            reverts("GovernorNotGigaBrainOwner", () -> vote(chain, bob, p, 22, FOR));
            vote(chain, alice, p, 20, AGAINST);
            closeVote(chain);
            assertThat(chain.session.governor(chain.session.reader()).tally(p.id()).send().component4()).isEqualTo(2);
            assertThat(state(chain, p)).as("1 of 2 GigaBrains against is no majority").isEqualTo(SUCCEEDED);
            reverts("AccessControlUnauthorizedAccount", () -> chain.session.emission(chain.session.signer(admin))
                    .setBonusPool(BigInteger.ONE).send());
        }
    }

    @Test
    void theDeployerHasNoBackDoorIntoGovernance() throws Exception {
        try (BasedChainFixture chain = BasedChainFixture.yearOne()) {
            setUpBrains(chain);
            var token = chain.session.token(chain.session.reader());
            byte[] grant = Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function("grantRole",
                    List.of(new org.web3j.abi.datatypes.generated.Bytes32(token.MINTER_ROLE().send()),
                            new org.web3j.abi.datatypes.Address(admin.getAddress())), List.of())));
            reverts("GovernorProposerNotAllowed", () -> chain.session.governor(chain.session.signer(admin)).propose(
                    List.of(chain.session.address("BasedToken")), List.of(BigInteger.ZERO), List.of(grant), "mint for me").send());
            var governor = chain.session.governor(chain.session.signer(admin));
            reverts("GovernorPepeTallyWriterAlreadySet", () -> governor.setPepeTallyWriter(admin.getAddress()).send());
            reverts("GovernorNotPepeTallyWriter", () -> governor.recordPepeTally(BigInteger.ONE, BigInteger.ONE, BigInteger.ONE,
                    BigInteger.ONE).send());
            var timelock = ai.based.contracts.BasedTimelock.load(chain.session.address(ai.based.client.manifest.BasedAiContracts.TIMELOCK),
                    chain.basedai.web3j(), chain.session.reader(), TxManager.WRAPPER_GAS);
            assertThat(timelock.hasRole(new byte[32], admin.getAddress()).send()).as("no timelock administrator").isFalse();
            assertThat(timelock.hasRole(timelock.PROPOSER_ROLE().send(), admin.getAddress()).send()).isFalse();
        }
    }

    @Test
    void inYearOneAProposalWithNoGigaBrainAtItsSnapshotDoesNotPassByDefault() throws Exception {
        try (BasedChainFixture chain = BasedChainFixture.yearOne()) {
            chain.sync(22, bob, 1, 0);
            chain.fund(bob, based(1_000));
            var bobStakes = chain.session.stakes(chain.session.signer(bob));
            bobStakes.stake(BigInteger.valueOf(22), OracleTestSupport.NO_VALIDATOR, based(1_000)).send();
            String target = chain.session.address("EmissionController");
            byte[] call = Numeric.hexStringToByteArray(FunctionEncoder.encode(
                    new Function("setBonusPool", List.of(new Uint256(3_000)), List.of())));
            var receipt = chain.session.governor(chain.session.signer(bob))
                    .propose(List.of(target), List.of(BigInteger.ZERO), List.of(call), "alone").send();
            BigInteger id = GigaBrainGovernor.getProposalCreatedEvents(receipt).getFirst().proposalId;
            chain.session.stakes(chain.session.signer(bob)).unstake(BigInteger.valueOf(22), OracleTestSupport.NO_VALIDATOR, based(1_000)).send(); // lands at the snapshot
            closeVote(chain);
            var governor = chain.session.governor(chain.session.reader());
            assertThat(governor.tally(id).send().component4()).as("no GigaBrain at the snapshot").isZero();
            assertThat(governor.state(id).send().intValueExact()).as("nobody could have voted it down").isEqualTo(DEFEATED);
        }
    }

    @Test
    void aMainnetLikeChainRefusesAVotingPeriodShorterThanTheMinimum() throws Exception {
        Path dir = Files.createTempDirectory("governor-");
        try (AnvilNode node = AnvilNode.start(AnvilConfig.ephemeral(4_242, dir.resolve("anvil.log")))) {
            var tx = new TxManager(node, admin, EthereumSession.reverts());
            String nobody = "0x0000000000000000000000000000000000000001";
            // web3j wraps a reverted deployment's ContractRevertException in a RuntimeException
            assertThatThrownBy(() -> GigaBrainGovernor.deploy(node.web3j(), tx, TxManager.WRAPPER_GAS, nobody,
                    nobody, nobody, BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(30)).send())
                    .hasRootCauseInstanceOf(ai.based.chain.tx.ContractRevertException.class)
                    .hasMessageContaining("GovernorVotingPeriodTooShort(votingPeriod=30, minimum=25920)");
            var governor = GigaBrainGovernor.deploy(node.web3j(), tx, TxManager.WRAPPER_GAS, nobody, nobody, nobody,
                    BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(25_920)).send();
            assertThat(governor.votingPeriod().send()).isEqualTo(governor.MIN_VOTING_PERIOD().send());
        }
    }

    @Test
    void afterYearOneForMustBeatAgainstWithAThirdOfGigaBrainsTakingPart() throws Exception {
        try (BasedChainFixture chain = BasedChainFixture.pastYearOne()) {
            setUpBrains(chain);
            Proposal silent = propose(chain, bob, 2_000);
            closeVote(chain);
            assertThat(state(chain, silent)).as("no quorum").isEqualTo(DEFEATED);

            Proposal tied = propose(chain, alice, 2_100);
            vote(chain, alice, tied, 20, FOR);
            vote(chain, alice, tied, 21, AGAINST);
            closeVote(chain);
            assertThat(state(chain, tied)).as("For must exceed Against").isEqualTo(DEFEATED);

            Proposal carried = propose(chain, bob, 2_500);
            vote(chain, bob, carried, 22, FOR);
            closeVote(chain);
            assertThat(state(chain, carried)).as("1 of 3 is a third").isEqualTo(SUCCEEDED);
            queueAndExecute(chain, carried);
            assertThat(chain.session.emission(chain.session.reader()).bonusPoolBps().send()).isEqualTo(2_500);
        }
    }
}
