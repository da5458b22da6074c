package ai.based.epochs;

import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.deployment.BasedChainFixture;
import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.consensus.Fixed;
import ai.based.protocol.consensus.U16Weights;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * Epochs computed from consensus over weights revealed on a devnet: the split follows incentive and dividends, a
 * commit that is not revealed counts as no weights, and a validator that copies the last posted consensus (all
 * that commit-reveal leaves it to copy) earns less than the honest validators it copies.
 */
@Tag("devnet")
class ConsensusEpochTest {
    private static final long BRAIN = 7;
    private static final int U16 = U16Weights.MAX;
    private static final Offset<BigInteger> MICRO_BASED = Offset.offset(BigInteger.TEN.pow(12));
    private final Credentials owner = DevAccounts.account(2);
    private final Credentials minerA = DevAccounts.account(8);
    private final Credentials minerB = DevAccounts.account(9);
    private final List<Credentials> validators = List.of(DevAccounts.account(10), DevAccounts.account(11), DevAccounts.account(12));
    private BasedChainFixture chain;

    @BeforeEach
    void brainWithTwoMinersAndThreeEquallyStakedValidators() throws Exception {
        chain = BasedChainFixture.yearOne();
        chain.sync(BRAIN, owner, 1, 0);
        for (Credentials miner : List.of(minerA, minerB)) {
            chain.fund(miner, based(200));
            Validation.memorize(chain, BRAIN, miner, Validation.MINER);
        }
        for (Credentials validator : validators) {
            chain.fund(validator, based(1_200));
            Validation.memorize(chain, BRAIN, validator, Validation.VALIDATOR);
            chain.session.stakes(chain.session.signer(validator)).stake(BigInteger.valueOf(BRAIN), validator.getAddress(), based(1_000)).send();
        }
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    private static String account(Credentials who) {
        return who.getAddress().toLowerCase();
    }

    @Test
    void theSplitFollowsIncentiveAndDividends() throws Exception {
        Map<Credentials, int[]> weights = new LinkedHashMap<>();
        for (Credentials validator : validators) weights.put(validator, new int[] {3 * 1_000, 1_000});
        long committed = Validation.commitAndReveal(chain, BRAIN, weights);
        chain.closeEpoch(committed + 1);
        ComputedEpoch epoch = EpochComputation.compute(chain.session, committed + 1);

        // 3,600 BASED: owner 900; miners 1,350 split 3:1; validators 1,350 split by equal dividends (own stake, so the take
        // stays with each). Stake thirds are rounded to 2^-32, so amounts are exact to about a millionth of a BASED.
        Map<String, BigInteger> paid = epoch.result().accounts();
        assertThat(paid.get(account(owner))).isEqualTo(based(900));
        assertThat(paid.get(account(minerA))).isCloseTo(new BigInteger("1012500000000000000000"), MICRO_BASED);
        assertThat(paid.get(account(minerB))).isCloseTo(new BigInteger("337500000000000000000"), MICRO_BASED);
        for (Credentials validator : validators) assertThat(paid.get(account(validator))).isCloseTo(based(450), MICRO_BASED);
        assertThat(Fixed.toDouble(epoch.consensus().get(BRAIN).incentive()[0])).isCloseTo(0.75, within(1e-9));

        // credits dC = W.S accrue per miner: one more validated epoch doubles them
        long[] credits = epoch.credits().get(BRAIN);
        assertThat(Fixed.toDouble(credits[0])).isCloseTo(0.75, within(1e-9));
        long next = Validation.commitAndReveal(chain, BRAIN, weights) + 1;
        chain.closeEpoch(next);
        long[] later = EpochComputation.compute(chain.session, next).credits().get(BRAIN);
        assertThat(Fixed.toDouble(later[0])).isCloseTo(1.5, within(1e-9));
        assertThat(Fixed.toDouble(later[1])).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aCommitThatIsNeverRevealedCountsAsNoWeights() throws Exception {
        ValidatorWeightsClient client = new ValidatorWeightsClient(chain.session);
        long epoch = client.nextBlockEpoch();
        int[] uids = {0, 1};
        int[] weights = {U16, U16};
        byte[] salt = new byte[32];
        for (Credentials validator : validators) {
            client.commit(validator, BRAIN, epoch, ValidatorWeightsClient.commitHash(BRAIN, epoch, uids, weights, salt, validator.getAddress()));
        }
        chain.closeEpoch(epoch);
        client.reveal(validators.getFirst(), BRAIN, epoch, uids, weights, salt);
        chain.closeEpoch(epoch + 1);
        ComputedEpoch computed = EpochComputation.compute(chain.session, epoch + 1);

        ConsensusResult consensus = computed.consensus().get(BRAIN);
        assertThat(consensus.dividends()[0]).isEqualTo(Fixed.ONE);
        assertThat(consensus.dividends()[1]).isZero();
        assertThat(computed.result().accounts()).doesNotContainKey(account(validators.get(1)));
        // a third of the permitted stake validated: the Brain still takes the whole emission (it is the only Brain),
        // but its performance says so in the consensus the signers compare
        assertThat(consensus.validatorTrust()).containsExactly(Fixed.ONE, 0L, 0L);
    }

    @Test
    void aCopierOfThePostedConsensusEarnsLessThanTheHonestValidators() throws Exception {
        // Miner A serves well for two epochs, then miner B does. The two honest validators see it as it happens; the copier
        // can only copy the consensus of the last closed epoch, which reflects weights committed two epochs earlier.
        Credentials copier = validators.get(2);
        BigInteger honestTotal = BigInteger.ZERO;
        BigInteger copierTotal = BigInteger.ZERO;
        int[] aIsBetter = {U16, 0};
        int[] bIsBetter = {0, U16};
        for (int round = 0; round < 5; round++) {
            long epoch = new ValidatorWeightsClient(chain.session).nextBlockEpoch();
            int[] honest = round < 2 ? aIsBetter : bIsBetter;
            int[] copied = epoch == 0 ? aIsBetter : copy(EpochComputation.compute(chain.session, epoch - 1).consensus().get(BRAIN), aIsBetter);
            Map<Credentials, int[]> weights = new LinkedHashMap<>();
            weights.put(validators.get(0), honest);
            weights.put(validators.get(1), honest);
            weights.put(copier, copied);
            long committed = Validation.commitAndReveal(chain, BRAIN, weights);
            chain.closeEpoch(committed + 1);
            Map<String, BigInteger> paid = EpochComputation.compute(chain.session, committed + 1).result().accounts();
            honestTotal = honestTotal.add(paid.getOrDefault(account(validators.get(0)), BigInteger.ZERO));
            copierTotal = copierTotal.add(paid.getOrDefault(account(copier), BigInteger.ZERO));
        }
        assertThat(copierTotal).as("copier %s vs honest %s", copierTotal, honestTotal).isLessThan(honestTotal);
    }

    /** The consensus as u16 weights, or the fallback when the epoch had none. */
    private static int[] copy(ConsensusResult consensus, int[] fallback) {
        if (consensus == null || Arrays.stream(consensus.consensus()).allMatch(c -> c == 0)) return fallback;
        return U16Weights.maxUpscale(Arrays.stream(consensus.consensus()).mapToDouble(Fixed::toDouble).toArray());
    }
}
