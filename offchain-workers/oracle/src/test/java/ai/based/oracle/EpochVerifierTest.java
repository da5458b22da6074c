package ai.based.oracle;

import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.deployment.BasedChainFixture;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
import ai.based.epochs.EpochResultDigest;
import ai.based.epochs.Prune;
import ai.based.epochs.Validation;
import ai.based.protocol.split.EpochResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** Recomputing posted epochs from chain data on a real anvil: an honest post matches, a quorum's forgery does not. */
@Tag("devnet")
class EpochVerifierTest {
    private static final Credentials VALIDATOR = DevAccounts.account(9);
    private static BasedChainFixture chain;

    @BeforeAll
    static void start() throws Exception {
        chain = BasedChainFixture.yearOne();
        Credentials staker = DevAccounts.account(3);
        chain.sync(7, DevAccounts.account(2), 1, 0);
        chain.fund(staker, based(1_000));
        chain.session.stakes(chain.session.signer(staker)).stake(BigInteger.valueOf(7), OracleTestSupport.NO_VALIDATOR, based(1_000)).send();
        Validation.minerAndValidator(chain, 7, DevAccounts.account(8), VALIDATOR, 1_000);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void anHonestEpochMatchesAndAForgedOneNamesItsFirstDifference() throws Exception {
        EpochVerifier verifier = new EpochVerifier(chain.session);
        // the validator commits now and reveals in the next epoch, the one forged below: it pays Brain #7
        ValidatorWeightsClient board = new ValidatorWeightsClient(chain.session);
        long epoch = board.nextBlockEpoch();
        byte[] salt = new byte[32];
        board.commit(VALIDATOR, 7, epoch, ValidatorWeightsClient.commitHash(7, epoch, new int[] {0}, new int[] {1}, salt, VALIDATOR.getAddress()));
        EpochVerifier.Verdict open = verifier.verify(epoch);
        assertThat(open.outcome()).isEqualTo(EpochVerifier.Outcome.NOT_CLOSED);
        assertThat(open.message()).contains("has not closed");

        chain.closeEpoch(epoch);
        assertThat(verifier.verify(epoch).outcome()).isEqualTo(EpochVerifier.Outcome.NOT_POSTED);
        EpochPoster poster = new EpochPoster(chain.session, BasedChainFixture.ORACLES.subList(0, 2), chain.dir.resolve("epochs"), line -> {});
        for (long e = chain.session.emission(chain.session.reader()).nextEpoch().send().longValueExact(); e <= epoch; e++) {
            poster.post(e, DevAccounts.account(4));
        }
        board.reveal(VALIDATOR, 7, epoch, new int[] {0}, new int[] {1}, salt);
        EpochVerifier.Verdict honest = verifier.verify(epoch);
        assertThat(honest.outcome()).as(honest.message()).isEqualTo(EpochVerifier.Outcome.MATCH);
        assertThat(honest.message()).contains("match");

        // a quorum signs and posts a result that pays Brain #7 one wei less than the chain's data says
        long forgedEpoch = epoch + 1;
        chain.closeEpoch(forgedEpoch);
        ComputedEpoch truth = EpochComputation.compute(chain.session, forgedEpoch);
        BigInteger real = truth.result().brainTotals().get(7L);
        Map<Long, BigInteger> totals = new TreeMap<>(truth.result().brainTotals());
        totals.put(7L, real.subtract(BigInteger.ONE));
        EpochResult forged = new EpochResult(forgedEpoch, totals, truth.result().accounts());
        byte[] digest = EpochResultDigest.digest(chain.basedai.chainId(), chain.session.address("EpochOracle"), forgedEpoch,
                List.copyOf(totals.keySet()), List.copyOf(totals.values()), truth.prunes(), truth.rewardsRoot());
        List<Credentials> quorum = new ArrayList<>(BasedChainFixture.ORACLES);
        quorum.sort(Comparator.comparing(c -> Numeric.toBigInt(c.getAddress())));
        new EpochPoster(chain.session, List.of(), chain.dir.resolve("epochs"), line -> {}).submit(new EpochPoster.Posting(
                new ComputedEpoch(forged, truth.prunes(), truth.rewardsRoot(), digest, Map.of()),
                quorum.stream().map(c -> EpochResultDigest.sign(c, digest)).toList()), DevAccounts.account(4));

        EpochVerifier.Verdict verdict = verifier.verify(forgedEpoch);
        assertThat(verdict.outcome()).isEqualTo(EpochVerifier.Outcome.DIFFERENT);
        assertThat(verdict.message()).isEqualTo("epoch " + forgedEpoch + " differs from what was posted: Brain #7 total: " + real
                + " recomputed, " + real.subtract(BigInteger.ONE) + " posted");
        // the earlier, honest epoch still matches
        assertThat(verifier.verify(epoch).outcome()).isEqualTo(EpochVerifier.Outcome.MATCH);
    }

    @Test
    void aPostedPruneOrRootThatWasNotComputedIsADifference() {
        ComputedEpoch mine = new ComputedEpoch(new EpochResult(3, new TreeMap<>(Map.of(7L, BigInteger.TEN)), Map.of()),
                List.of(new Prune(7, 0, 4)), new byte[32], new byte[32], Map.of());
        var samePrunes = new EpochVerifier.Posted(new byte[32], BigInteger.TEN, Map.of(7L, BigInteger.TEN), List.of(new Prune(7, 0, 4)));
        assertThat(EpochVerifier.difference(mine, samePrunes)).isEmpty();
        var otherPrune = new EpochVerifier.Posted(new byte[32], BigInteger.TEN, Map.of(7L, BigInteger.TEN), List.of(new Prune(7, 0, 5)));
        assertThat(EpochVerifier.difference(mine, otherPrune)).hasValue("pruning candidate 0: Brain #7 miner uid 4 recomputed, "
                + "Brain #7 miner uid 5 posted");
        byte[] otherRoot = new byte[32];
        otherRoot[31] = 1;
        var rootDiffers = new EpochVerifier.Posted(otherRoot, BigInteger.TEN, Map.of(7L, BigInteger.TEN), List.of(new Prune(7, 0, 4)));
        assertThat(EpochVerifier.difference(mine, rootDiffers).orElseThrow()).startsWith("rewards root: 0x00");
    }
}
