package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties every signer relies on: renumbering validators or miners renumbers the result and changes nothing
 * else (exactly for every intermediate; the published incentive and dividends may move one unit where equal
 * remainders are broken by index), and incentive and dividends each sum to exactly 1 whenever there is anything
 * to share.
 */
class YumaConsensusPropertiesTest {

    record Case(BrainConsensusInput input, YumaParameters parameters, long seed) {}

    @Property(tries = 300)
    void renumberingValidatorsAndMinersOnlyRenumbersTheResult(@ForAll("cases") Case c) {
        ConsensusResult first = YumaConsensus.compute(c.input(), c.parameters());
        Random random = new Random(c.seed());
        int[] rows = permutation(c.input().validators(), random);
        int[] cols = permutation(c.input().miners(), random);
        BrainConsensusInput permuted = permute(c.input(), rows, cols);
        ConsensusResult second = YumaConsensus.compute(permuted, c.parameters());

        assertPermuted(first.activeStake(), second.activeStake(), rows, 0);
        assertPermuted(first.validatorTrust(), second.validatorTrust(), rows, 0);
        assertPermuted(first.consensus(), second.consensus(), cols, 0);
        assertPermuted(first.ranks(), second.ranks(), cols, 0);
        assertPermuted(first.credits(), second.credits(), cols, 0);
        for (int i = 0; i < rows.length; i++) assertPermuted(first.bonds()[rows[i]], second.bonds()[i], cols, 0);
        assertPermuted(first.incentive(), second.incentive(), cols, 1);
        assertPermuted(first.dividends(), second.dividends(), rows, 1);
    }

    @Property(tries = 100)
    void twoSignersComputingTheSameInputAgreeBitForBitAndAnyChangeIsNamed(@ForAll("cases") Case c) {
        ConsensusResult mine = YumaConsensus.compute(c.input(), c.parameters());
        ConsensusResult theirs = YumaConsensus.compute(c.input(), c.parameters());
        assertThat(mine.firstDifference(theirs)).isEmpty();
        long[] dividends = theirs.dividends().clone();
        dividends[dividends.length - 1]++;
        ConsensusResult tampered = new ConsensusResult(theirs.activeStake(), theirs.consensus(), theirs.validatorTrust(),
                theirs.ranks(), theirs.incentive(), dividends, theirs.bonds(), theirs.credits());
        assertThat(mine.firstDifference(tampered)).hasValueSatisfying(where -> assertThat(where).startsWith("dividends[" + (dividends.length - 1) + "]"));
    }

    @Property(tries = 300)
    void incentiveAndDividendsEachSumToExactlyOneWhenAnythingIsShared(@ForAll("cases") Case c) {
        ConsensusResult r = YumaConsensus.compute(c.input(), c.parameters());
        boolean anyRank = Fixed.sum(r.ranks()) > 0;
        boolean anyStake = java.util.Arrays.stream(c.input().stakes()).anyMatch(s -> s.signum() > 0);
        assertThat(Fixed.sum(r.incentive())).isEqualTo(anyRank ? Fixed.ONE : 0);
        assertThat(Fixed.sum(r.dividends())).isEqualTo(anyStake ? Fixed.ONE : 0);
        for (long[] row : r.bonds()) for (long bond : row) assertThat(bond).isBetween(0L, Fixed.ONE);
    }

    @Property(tries = 200)
    void aWeightSetByEveryStakedValidatorOnTheSameMinerAlwaysYieldsIncentive(@ForAll("cases") Case c) {
        // everyone with active stake puts some weight on miner 0 (and none of them is miner 0): consensus on it is
        // positive, so ranks are, and the "when any weight is set" clause of the brief holds
        BrainConsensusInput in = c.input();
        int[][] weights = new int[in.validators()][];
        int[] self = new int[in.validators()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = in.weights()[i].clone();
            weights[i][0] = Math.max(1, weights[i][0]);
            self[i] = in.selfMinerUid()[i] == 0 ? -1 : in.selfMinerUid()[i];
        }
        BrainConsensusInput everyone = new BrainConsensusInput(in.stakes(), in.permits(), in.active(), weights, self, in.previousBonds());
        ConsensusResult r = YumaConsensus.compute(everyone, c.parameters());
        if (Fixed.sum(r.activeStake()) > 0) {
            assertThat(r.consensus()[0]).isPositive();
            assertThat(Fixed.sum(r.incentive())).isEqualTo(Fixed.ONE);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> validators = Arbitraries.integers().between(1, 7);
        Arbitrary<Integer> miners = Arbitraries.integers().between(1, 7);
        return Combinators.combine(validators, miners, Arbitraries.longs(), Arbitraries.of(BondVariant.values()),
                Arbitraries.integers().between(1, 65_535)).as((n, m, seed, variant, kappa) -> {
                    Random random = new Random(seed);
                    BigInteger[] stakes = new BigInteger[n];
                    boolean[] permits = new boolean[n];
                    boolean[] active = new boolean[n];
                    int[] self = new int[n];
                    int[][] weights = new int[n][m];
                    long[][] bonds = random.nextBoolean() ? null : new long[n][m];
                    for (int i = 0; i < n; i++) {
                        // small values on purpose: they make ties, which is where order could leak in
                        stakes[i] = random.nextInt(4) == 0 ? BigInteger.ZERO : BigInteger.valueOf(random.nextInt(5) + 1).shiftLeft(random.nextInt(80));
                        permits[i] = random.nextInt(5) != 0;
                        active[i] = random.nextInt(6) != 0;
                        self[i] = random.nextInt(3) == 0 ? random.nextInt(m) : -1;
                        for (int j = 0; j < m; j++) {
                            weights[i][j] = random.nextInt(3) == 0 ? 0 : random.nextBoolean() ? random.nextInt(4) : random.nextInt(65_536);
                            if (bonds != null) bonds[i][j] = random.nextInt(3) == 0 ? 0 : random.nextLong(Fixed.ONE + 1);
                        }
                    }
                    long kappaFixed = Fixed.div(kappa, 65_535);
                    YumaParameters parameters = new YumaParameters(kappaFixed, Fixed.fromDouble(0.9), Fixed.ONE, variant);
                    return new Case(new BrainConsensusInput(stakes, permits, active, weights, self, bonds), parameters, seed);
                });
    }

    /** new position -> old position */
    private static int[] permutation(int size, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) order.add(i);
        Collections.shuffle(order, random);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static BrainConsensusInput permute(BrainConsensusInput in, int[] rows, int[] cols) {
        int n = rows.length;
        int m = cols.length;
        int[] newColumnOf = new int[m];
        for (int j = 0; j < m; j++) newColumnOf[cols[j]] = j;
        BigInteger[] stakes = new BigInteger[n];
        boolean[] permits = new boolean[n];
        boolean[] active = new boolean[n];
        int[] self = new int[n];
        int[][] weights = new int[n][m];
        long[][] bonds = in.previousBonds() == null ? null : new long[n][m];
        for (int i = 0; i < n; i++) {
            int old = rows[i];
            stakes[i] = in.stakes()[old];
            permits[i] = in.permits()[old];
            active[i] = in.active()[old];
            self[i] = in.selfMinerUid()[old] < 0 ? -1 : newColumnOf[in.selfMinerUid()[old]];
            for (int j = 0; j < m; j++) {
                weights[i][j] = in.weights()[old][cols[j]];
                if (bonds != null) bonds[i][j] = in.previousBonds()[old][cols[j]];
            }
        }
        return new BrainConsensusInput(stakes, permits, active, weights, self, bonds);
    }

    private static void assertPermuted(long[] original, long[] permuted, int[] order, long tolerance) {
        for (int k = 0; k < order.length; k++) {
            assertThat(Math.abs(permuted[k] - original[order[k]])).as("position %d (was %d)", k, order[k]).isLessThanOrEqualTo(tolerance);
        }
    }
}
