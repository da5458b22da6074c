package ai.based.oracle;

import static ai.based.deployment.BasedChainFixture.based;
import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.based.chain.anvil.DevAccounts;
import ai.based.contracts.EpochOracle;
import ai.based.deployment.BasedChainFixture;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochResultDigest;
import ai.based.epochs.Validation;
import ai.based.protocol.MerkleTree;
import ai.based.protocol.Reward;
import ai.based.protocol.split.EpochResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** EpochOracle and EmissionController on a real anvil: quorum, ordering, over-emission and claims. */
@Tag("devnet")
class OracleSettlementTest {
    private final Credentials alice = DevAccounts.account(2);
    private final Credentials bob = DevAccounts.account(3);
    private final Credentials outsider = DevAccounts.account(4);
    private BasedChainFixture chain;

    @BeforeEach
    void start() throws Exception {
        chain = BasedChainFixture.yearOne();
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    private EpochPoster poster(List<Credentials> signers) {
        return new EpochPoster(chain.session, signers, chain.dir.resolve("epochs"), line -> {});
    }

    /** A result paying alice and bob directly, for tests of the settlement mechanics alone. */
    private EpochPoster.Posting manual(long epoch, BigInteger aliceAmount, BigInteger bobAmount, List<Credentials> signers) {
        Map<String, BigInteger> accounts = new TreeMap<>(Map.of(alice.getAddress().toLowerCase(), aliceAmount,
                bob.getAddress().toLowerCase(), bobAmount));
        EpochResult result = new EpochResult(epoch, new TreeMap<>(Map.of(7L, aliceAmount.add(bobAmount))), accounts);
        byte[] root = MerkleTree.build(MerkleTree.rewardLeaves(epoch, result.rewards())).root();
        byte[] digest = EpochResultDigest.digest(chain.basedai.chainId(), chain.session.address("EpochOracle"), epoch,
                List.of(7L), List.of(aliceAmount.add(bobAmount)), List.of(), root);
        List<Credentials> ordered = new ArrayList<>(signers);
        ordered.sort(Comparator.comparing(c -> new BigInteger(c.getAddress().substring(2), 16)));
        ComputedEpoch computed = new ComputedEpoch(result, List.of(), root, digest, Map.of());
        return new EpochPoster.Posting(computed, ordered.stream().map(c -> EpochResultDigest.sign(c, digest)).toList());
    }

    private void claim(Credentials who, long epoch, EpochPoster.Posting posting) throws Exception {
        List<Reward> rewards = posting.result().rewards();
        int index = rewards.stream().map(Reward::account).toList().indexOf(who.getAddress().toLowerCase());
        var proof = MerkleTree.build(MerkleTree.rewardLeaves(epoch, rewards)).proof(index);
        chain.session.emission(chain.session.signer(who)).claim(BigInteger.valueOf(epoch), who.getAddress(),
                rewards.get(index).amount(), proof).send();
    }

    @Test
    void digestComputedInJavaEqualsTheContracts() throws Exception {
        EpochPoster.Posting posting = manual(0, based(100), based(50), BasedChainFixture.ORACLES);
        var onChain = chain.session.oracle(chain.session.reader()).resultDigest(BigInteger.ZERO, List.of(BigInteger.valueOf(7)),
                List.of(based(150)), List.<EpochOracle.Prune>of(), posting.root()).send();
        byte[] local = EpochResultDigest.digest(chain.basedai.chainId(), chain.session.address("EpochOracle"), 0,
                List.of(7L), List.of(based(150)), List.of(), posting.root());
        assertThat(onChain.component1()).isEqualTo(local);
        assertThat(onChain.component2()).isEqualTo(based(150));
    }

    @Test
    void quorumPostsAndAccountsClaimOnceWithAValidProof() throws Exception {
        chain.closeEpoch(0);
        EpochPoster.Posting posting = manual(0, based(100), based(50), BasedChainFixture.ORACLES.subList(0, 2));
        poster(List.of()).submit(posting, outsider);
        var recorded = chain.session.emission(chain.session.reader()).epoch(BigInteger.ZERO).send();
        assertThat(recorded.total).isEqualTo(based(150));

        claim(alice, 0, posting);
        assertThat(chain.session.token(chain.session.reader()).balanceOf(alice.getAddress()).send()).isEqualTo(based(100));
        reverts("EmissionAlreadyClaimed", () -> claim(alice, 0, posting));

        var rewards = posting.result().rewards();
        int bobIndex = rewards.stream().map(Reward::account).toList().indexOf(bob.getAddress().toLowerCase());
        var proof = MerkleTree.build(MerkleTree.rewardLeaves(0, rewards)).proof(bobIndex);
        reverts("EmissionInvalidProof", () -> chain.session.emission(chain.session.signer(bob))
                .claim(BigInteger.ZERO, bob.getAddress(), based(51), proof).send());
        reverts("EmissionInvalidProof", () -> chain.session.emission(chain.session.signer(outsider))
                .claim(BigInteger.ZERO, outsider.getAddress(), based(50), proof).send());
        claim(bob, 0, posting);
        assertThat(chain.session.emission(chain.session.reader()).epoch(BigInteger.ZERO).send().claimed).isEqualTo(based(150));
    }

    @Test
    void forgedDuplicateAndTooFewSignaturesAreRejected() throws Exception {
        chain.closeEpoch(0);
        EpochPoster oracle = poster(List.of());
        reverts("SignerQuorumNotReached", () -> oracle.submit(manual(0, based(1), based(1), BasedChainFixture.ORACLES.subList(0, 1)), outsider));
        reverts("SignerNotMember", () -> oracle.submit(manual(0, based(1), based(1), List.of(BasedChainFixture.ORACLES.get(0), outsider)), outsider));
        EpochPoster.Posting valid = manual(0, based(1), based(1), BasedChainFixture.ORACLES.subList(0, 1));
        EpochPoster.Posting duplicated = new EpochPoster.Posting(valid.computed(),
                List.of(valid.signatures().getFirst(), valid.signatures().getFirst()));
        reverts("SignersNotAscending", () -> oracle.submit(duplicated, outsider));
        EpochPoster.Posting signedOther = manual(0, based(2), based(1), BasedChainFixture.ORACLES.subList(0, 2));
        EpochPoster.Posting tampered = new EpochPoster.Posting(manual(0, based(3), based(1), List.of()).computed(),
                signedOther.signatures());
        assertThat(catchThrowable(() -> oracle.submit(tampered, outsider)))
                .as("signatures over another result recover to non-signers").hasMessageContaining("SignerNotMember");
    }

    @Test
    void epochsArePostedInOrderOnceEachAfterTheyCloseAndNeverAboveTheirEmission() throws Exception {
        EpochPoster oracle = poster(List.of());
        var quorum = BasedChainFixture.ORACLES.subList(0, 2);
        reverts("EmissionEpochNotClosed", () -> oracle.submit(manual(0, based(1), based(1), quorum), outsider));
        chain.closeEpoch(1);
        reverts("EmissionEpochOutOfOrder", () -> oracle.submit(manual(1, based(1), based(1), quorum), outsider));
        reverts("EmissionOverEpochEmission", () -> oracle.submit(manual(0, based(3_600), BigInteger.ONE, quorum), outsider));
        oracle.submit(manual(0, based(3_000), based(600), quorum), outsider);
        reverts("EmissionEpochOutOfOrder", () -> oracle.submit(manual(0, based(1), based(1), quorum), outsider));
        oracle.submit(manual(1, based(1), based(1), quorum), outsider);
    }

    @Test
    void signerSetChangesOnlyThroughGovernance() throws Exception {
        var asAdmin = chain.session.oracle(chain.session.signer(BasedChainFixture.ADMIN));
        reverts("AccessControlUnauthorizedAccount", () -> asAdmin.setSigners(List.of(outsider.getAddress()), BigInteger.ONE).send());
        reverts("AccessControlUnauthorizedAccount", () -> chain.session.emission(chain.session.signer(outsider))
                .record(BigInteger.ZERO, new byte[32], BigInteger.ZERO).send());
        reverts("AccessControlUnauthorizedAccount", () -> chain.session.token(chain.session.signer(BasedChainFixture.ADMIN))
                .mint(outsider.getAddress(), BigInteger.ONE).send());
        reverts("AccessControlUnauthorizedAccount", () -> chain.session.emission(chain.session.signer(BasedChainFixture.ADMIN))
                .setBonusPool(BigInteger.valueOf(2_000)).send());
    }

    @Test
    void posterPublishesTheRewardsFileThatClaimsAreProvenFrom() throws Exception {
        Credentials owner = alice;
        Credentials miner = DevAccounts.account(8);
        Credentials validator = DevAccounts.account(9);
        chain.sync(7, owner, 1, 0);
        chain.fund(bob, based(1_000));
        chain.session.stakes(chain.session.signer(bob)).stake(BigInteger.valueOf(7), OracleTestSupport.NO_VALIDATOR, based(1_000)).send();
        chain.fund(miner, based(100));
        Validation.memorize(chain, 7, miner, Validation.MINER);
        chain.fund(validator, based(1_100));
        Validation.memorize(chain, 7, validator, Validation.VALIDATOR);
        chain.session.stakes(chain.session.signer(validator)).stake(BigInteger.valueOf(7), validator.getAddress(), based(1_000)).send();
        long committed = Validation.commitAndReveal(chain, 7, Map.of(validator, new int[] {1}));
        chain.closeEpoch(committed + 1);
        EpochPoster poster = poster(BasedChainFixture.ORACLES);
        poster.post(committed, outsider);
        poster.post(committed + 1, outsider);

        assertThat(EpochRewardsFile.read(chain.dir.resolve("epochs"), committed).orElseThrow().asRewards())
                .as("nobody had revealed weights: nothing is earned").isEmpty();
        EpochRewardsFile file = EpochRewardsFile.read(chain.dir.resolve("epochs"), committed + 1).orElseThrow();
        // 3,600 BASED; one Brain takes base and bonus; owner 25% = 900; the nodes' 2,700 split 50:50: the miner 1,350; the
        // validator pool 1,350 shared by stake between bob's Brain-level 1,000 and the validator's 1,000 (whose dividends
        // are all the validators' dividends): 675 each.
        assertThat(file.asRewards()).containsExactlyInAnyOrder(
                new Reward(owner.getAddress().toLowerCase(), based(900)),
                new Reward(miner.getAddress().toLowerCase(), based(1_350)),
                new Reward(validator.getAddress().toLowerCase(), based(675)),
                new Reward(bob.getAddress().toLowerCase(), based(675)));
        var emission = chain.session.emission(chain.session.reader());
        assertThat(emission.epoch(BigInteger.valueOf(committed + 1)).send().total).isEqualTo(based(3_600));
    }
}
