package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Vectors worked out by hand from subtensor's formulas (kappa 0.5, bonds moving average 0.9, so the new bond
 * counts alpha = 0.1; bonds penalty 1, so bonds are bought with clipped weights). The arithmetic is in the
 * comments; results are asserted to 1e-6 (the fixed point's unit is 2^-32, about 2.3e-10).
 */
class YumaConsensusVectorsTest {
    private static final double EPS = 1e-6;
    private static final YumaParameters DEFAULTS = YumaParameters.defaults();

    @Test
    void anOutlierValidatorIsClippedAndEarnsLessThanAnEqualStakeInConsensus() {
        // stakes 2:1:1 -> S = [0.5, 0.25, 0.25]; V2 is the outlier that puts everything on miner 1
        // W = V0 [0.5, 0.5], V1 [0.5, 0.5], V2 [0, 1]; minority = 1 - kappa = 0.5
        // consensus miner 0: sorted 0 (0.25), 0.5 (0.5), 0.5 (0.25): cumulative 0.25 <= 0.5, then 0.75 > 0.5 -> 0.5
        // consensus miner 1: sorted 0.5 (0.5), 0.5 (0.25), 1 (0.25): cumulative 0.5 is not > 0.5, 0.75 is -> 0.5
        // clipped: V0 [0.5, 0.5], V1 [0.5, 0.5], V2 [0, 0.5]; trust = [1, 1, 0.5]
        // ranks: m0 = 0.5*0.5 + 0.25*0.5 + 0 = 0.375; m1 = 0.25 + 0.125 + 0.125 = 0.5 -> incentive [3/7, 4/7]
        // credits (W.S before clipping): m0 = 0.375; m1 = 0.25 + 0.125 + 0.25 = 0.625
        // dB = Wc o S: V0 [0.25, 0.25], V1 [0.125, 0.125], V2 [0, 0.125]; column-normalised
        //   m0 (sum 0.375): [2/3, 1/3, 0]; m1 (sum 0.5): [0.5, 0.25, 0.25]; no old bonds, so B = that
        // dividends: V0 = 2/3*3/7 + 0.5*4/7 = 4/7; V1 = 1/3*3/7 + 0.25*4/7 = 2/7; V2 = 0.25*4/7 = 1/7
        ConsensusResult r = YumaConsensus.compute(BrainConsensusInput.of(stakes(2, 1, 1),
                new int[][] {{1, 1}, {1, 1}, {0, 1}}), DEFAULTS);

        assertVector(r.activeStake(), 0.5, 0.25, 0.25);
        assertVector(r.consensus(), 0.5, 0.5);
        assertVector(r.validatorTrust(), 1, 1, 0.5);
        assertVector(r.ranks(), 0.375, 0.5);
        assertVector(r.incentive(), 3.0 / 7, 4.0 / 7);
        assertVector(r.credits(), 0.375, 0.625);
        assertVector(r.bonds()[0], 2.0 / 3, 0.5);
        assertVector(r.bonds()[1], 1.0 / 3, 0.25);
        assertVector(r.bonds()[2], 0, 0.25);
        assertVector(r.dividends(), 4.0 / 7, 2.0 / 7, 1.0 / 7);
    }

    @Test
    void withoutBondsPenaltyTheOutlierBuysBondsWithItsRawWeights() {
        // as the outlier case, bonds penalty 0: dB = W o S (not clipped): V0 [0.25, 0.25], V1 [0.125, 0.125], V2 [0, 0.25]
        //   column-normalised m0 (0.375): [2/3, 1/3, 0]; m1 (0.625): [0.4, 0.2, 0.4]; incentive is still [3/7, 4/7]
        // dividends: V0 = 2/3*3/7 + 0.4*4/7 = 3.6/7; V1 = 1/3*3/7 + 0.2*4/7 = 1.8/7; V2 = 0.4*4/7 = 1.6/7
        YumaParameters noPenalty = new YumaParameters(Fixed.ONE / 2, Fixed.fromDouble(0.9), 0, BondVariant.YUMA);
        ConsensusResult r = YumaConsensus.compute(BrainConsensusInput.of(stakes(2, 1, 1),
                new int[][] {{1, 1}, {1, 1}, {0, 1}}), noPenalty);
        assertVector(r.incentive(), 3.0 / 7, 4.0 / 7);
        assertVector(r.bonds()[2], 0, 0.4);
        assertVector(r.dividends(), 3.6 / 7, 1.8 / 7, 1.6 / 7);
    }

    @Test
    void aValidatorWithoutPermitIsIgnoredWhateverItsStake() {
        // stakes 1:1:2, but V2 (the largest) has no permit: active S = [0.5, 0.5, 0] and its row is dropped
        // W = V0 [0.75, 0.25], V1 [0.5, 0.5], V2 [0, 0] (it asked for [0, 1]); minority 0.5
        // consensus m0: sorted 0.5 (0.5), 0.75 (0.5): 0.5 is not > 0.5, 1 is -> 0.75
        // consensus m1: sorted 0.25 (0.5), 0.5 (0.5) -> 0.5; nothing is clipped
        // ranks: m0 = 0.5*0.75 + 0.5*0.5 = 0.625; m1 = 0.5*0.25 + 0.5*0.5 = 0.375 = incentive (sums to 1)
        // dB: V0 [0.375, 0.125], V1 [0.25, 0.25]; column-normalised m0 (0.625): [0.6, 0.4]; m1 (0.375): [1/3, 2/3]
        // dividends: V0 = 0.6*0.625 + 1/3*0.375 = 0.5; V1 = 0.4*0.625 + 2/3*0.375 = 0.5; V2 = 0
        BrainConsensusInput input = new BrainConsensusInput(stakes(1, 1, 2), new boolean[] {true, true, false},
                new boolean[] {true, true, true}, new int[][] {{3, 1}, {1, 1}, {0, 1}}, new int[] {-1, -1, -1}, null);
        ConsensusResult r = YumaConsensus.compute(input, DEFAULTS);

        assertVector(r.activeStake(), 0.5, 0.5, 0);
        assertVector(r.consensus(), 0.75, 0.5);
        assertVector(r.validatorTrust(), 1, 1, 0);
        assertVector(r.incentive(), 0.625, 0.375);
        assertVector(r.dividends(), 0.5, 0.5, 0);
    }

    @Test
    void bondsFollowTheWeightsOverTwoEpochs() {
        // S = [0.75, 0.25] (stakes 3:1)
        // epoch 1: W = V0 [1, 0], V1 [0, 1]; consensus m0: sorted 0 (0.25), 1 (0.75) -> 1; m1: 0 (0.75) -> 0
        //   clipped V0 [1, 0], V1 [0, 0]; ranks [0.75, 0] -> incentive [1, 0]
        //   dB = V0 [0.75, 0], V1 [0, 0] -> column-normalised V0 [1, 0], V1 [0, 0]; B1 = that; dividends [1, 0]
        ConsensusResult first = YumaConsensus.compute(BrainConsensusInput.of(stakes(3, 1), new int[][] {{1, 0}, {0, 1}}), DEFAULTS);
        assertVector(first.incentive(), 1, 0);
        assertVector(first.bonds()[0], 1, 0);
        assertVector(first.bonds()[1], 0, 0);
        assertVector(first.dividends(), 1, 0);

        // epoch 2: both set [1, 1] -> W = [0.5, 0.5] each; consensus [0.5, 0.5], nothing clipped
        //   ranks [0.5, 0.5] = incentive
        //   dB = W o S: V0 [0.375, 0.375], V1 [0.125, 0.125] -> column-normalised V0 [0.75, 0.75], V1 [0.25, 0.25]
        //   EMA with alpha 0.1: m0: V0 0.1*0.75 + 0.9*1 = 0.975, V1 0.1*0.25 + 0.9*0 = 0.025 (sum 1)
        //                       m1: V0 0.075, V1 0.025 (sum 0.1) -> column-normalised V0 0.75, V1 0.25
        //   dividends: V0 = 0.975*0.5 + 0.75*0.5 = 0.8625; V1 = 0.025*0.5 + 0.25*0.5 = 0.1375
        ConsensusResult second = YumaConsensus.compute(
                BrainConsensusInput.of(stakes(3, 1), new int[][] {{1, 1}, {1, 1}}).withPreviousBonds(first.bonds()), DEFAULTS);
        assertVector(second.incentive(), 0.5, 0.5);
        assertVector(second.bonds()[0], 0.975, 0.75);
        assertVector(second.bonds()[1], 0.025, 0.25);
        assertVector(second.dividends(), 0.8625, 0.1375);
    }

    @Test
    void yuma3BondsOverTwoEpochs() {
        // same weights and stakes as above, Yuma3 rule: B = 0.9*B_old + 0.1*Wc, d_i = S_i * sum_j colnorm(B)_ij I_j
        // epoch 1: B1 = V0 [0.1, 0], V1 [0, 0]; colnorm V0 [1, 0]; raw d = [0.75*1*1, 0] -> dividends [1, 0]
        YumaParameters yuma3 = DEFAULTS.withVariant(BondVariant.YUMA3);
        ConsensusResult first = YumaConsensus.compute(BrainConsensusInput.of(stakes(3, 1), new int[][] {{1, 0}, {0, 1}}), yuma3);
        assertVector(first.bonds()[0], 0.1, 0);
        assertVector(first.bonds()[1], 0, 0);
        assertVector(first.dividends(), 1, 0);

        // epoch 2: W = [0.5, 0.5] both; B2: V0 m0 0.9*0.1 + 0.05 = 0.14, m1 0.05; V1 0.05, 0.05
        //   colnorm m0 (0.19): V0 14/19, V1 5/19; m1 (0.1): 0.5, 0.5; incentive [0.5, 0.5]
        //   raw d: V0 = 0.75 * 0.5 * (14/19 + 1/2) = 0.375 * 47/38; V1 = 0.25 * 0.5 * (5/19 + 1/2) = 0.125 * 29/38
        //   normalised: V0 = 17.625 / 21.25 = 141/170, V1 = 3.625 / 21.25 = 29/170
        ConsensusResult second = YumaConsensus.compute(
                BrainConsensusInput.of(stakes(3, 1), new int[][] {{1, 1}, {1, 1}}).withPreviousBonds(first.bonds()), yuma3);
        assertVector(second.bonds()[0], 0.14, 0.05);
        assertVector(second.bonds()[1], 0.05, 0.05);
        assertVector(second.dividends(), 141.0 / 170, 29.0 / 170);
    }

    @Test
    void aValidatorsWeightOnItsOwnMinerUidIsDropped() {
        // V0 also holds miner uid 0 and gives itself [9, 1]: without the self-weight its row is [0, 1]
        // S = [0.5, 0.5]; W = V0 [0, 1], V1 [0.5, 0.5]; minority 0.5
        // consensus m0: sorted 0 (0.5), 0.5 (0.5): 0.5 is not > 0.5, 1 is -> 0.5; m1: 0.5 (0.5), 1 (0.5) -> 1
        // nothing clipped
        // ranks m0 = 0.25, m1 = 0.5 + 0.25 = 0.75 -> incentive [0.25, 0.75]
        BrainConsensusInput input = new BrainConsensusInput(stakes(1, 1), new boolean[] {true, true}, new boolean[] {true, true},
                new int[][] {{9, 1}, {1, 1}}, new int[] {0, -1}, null);
        ConsensusResult r = YumaConsensus.compute(input, DEFAULTS);
        assertVector(r.consensus(), 0.5, 1);
        assertVector(r.incentive(), 0.25, 0.75);
    }

    @Test
    void withoutWeightsIncentiveIsZeroAndDividendsFollowActiveStake() {
        // no weights: ranks 0, incentive 0; subtensor then pays validators by active stake: [0.75, 0, 0.25]
        BrainConsensusInput input = new BrainConsensusInput(stakes(3, 5, 1), new boolean[] {true, true, true},
                new boolean[] {true, false, true}, new int[][] {{0, 0}, {0, 0}, {0, 0}}, new int[] {-1, -1, -1}, null);
        ConsensusResult r = YumaConsensus.compute(input, DEFAULTS);
        assertVector(r.incentive(), 0, 0);
        assertVector(r.dividends(), 0.75, 0, 0.25);
    }

    @Test
    void anInactiveValidatorsStakeIsMasked() {
        // V1 is inactive: S = [1, 0]; its contrary weights count for nothing; consensus = V0's weights
        BrainConsensusInput input = new BrainConsensusInput(stakes(1, 9), new boolean[] {true, true}, new boolean[] {true, false},
                new int[][] {{1, 3}, {1, 0}}, new int[] {-1, -1}, null);
        ConsensusResult r = YumaConsensus.compute(input, DEFAULTS);
        assertVector(r.activeStake(), 1, 0);
        assertVector(r.consensus(), 0.25, 0.75);
        assertVector(r.incentive(), 0.25, 0.75);
        assertVector(r.dividends(), 1, 0);
    }

    static BigInteger[] stakes(long... values) {
        return Arrays.stream(values).mapToObj(v -> BigInteger.valueOf(v).multiply(BigInteger.TEN.pow(18))).toArray(BigInteger[]::new);
    }

    private static void assertVector(long[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Fixed.toDouble(actual[i])).as("element %d of %s", i, Arrays.toString(actual)).isCloseTo(expected[i], within(EPS));
        }
    }
}
