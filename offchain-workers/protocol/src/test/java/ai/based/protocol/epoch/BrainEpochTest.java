package ai.based.protocol.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.protocol.Economics;
import ai.based.protocol.consensus.Fixed;
import ai.based.protocol.consensus.YumaParameters;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** A Brain's epoch from a snapshot, with values worked out by hand from the rules in BrainEpoch's documentation. */
class BrainEpochTest {
    private static final long END = 100_000;

    private static BrainSnapshot.Node validator(int uid, long stake) {
        return new BrainSnapshot.Node(uid, String.format("0x%040x", 0xa0 + uid), BigInteger.valueOf(stake), 1);
    }

    private static BrainSnapshot.Node miner(int uid, long registeredAt) {
        return new BrainSnapshot.Node(uid, String.format("0x%040x", 0xb0 + uid), BigInteger.ZERO, registeredAt);
    }

    private static BrainSnapshot.Reveal reveal(int... weights) {
        return new BrainSnapshot.Reveal(IntStream.range(0, weights.length).toArray(), weights);
    }

    private static BrainOutcome run(BrainSnapshot snapshot) {
        return BrainEpoch.run(snapshot, null, YumaParameters.defaults(), END);
    }

    @Test
    void agreeingValidatorsGiveFullPerformanceAndIncentiveFollowsTheirWeights() {
        // Equal stakes (both permitted: the 70th percentile of two equal stakes is that stake), both reveal 3:1.
        var validators = List.of(validator(0, 100), validator(1, 100));
        var snapshot = new BrainSnapshot(7, validators, List.of(miner(0, 1), miner(1, 1)),
                Map.of(validators.get(0).account(), reveal(3, 1), validators.get(1).account(), reveal(3, 1)), END);
        BrainOutcome outcome = run(snapshot);
        assertThat(outcome.performanceBps()).isEqualTo(Economics.BPS);
        assertThat(Fixed.toDouble(outcome.minerWeights()[0])).isCloseTo(0.75, Offset.offset(1e-6));
        assertThat(Fixed.toDouble(outcome.validatorDividends()[0])).isCloseTo(0.5, Offset.offset(1e-6));
    }

    @Test
    void silentStakeLowersPerformanceButDoesNotDragConsensusDown() {
        // Equal stakes, only validator 0 reveals: it is the only active one, so consensus is its own weights (trust 1),
        // and performance is its half of the permitted stake times trust 1 = 5,000 bps.
        var validators = List.of(validator(0, 100), validator(1, 100));
        var snapshot = new BrainSnapshot(7, validators, List.of(miner(0, 1), miner(1, 1)),
                Map.of(validators.get(0).account(), reveal(1, 1)), END);
        BrainOutcome outcome = run(snapshot);
        assertThat(outcome.performanceBps()).isEqualTo(5_000);
        assertThat(outcome.minerWeights()[0]).isEqualTo(outcome.minerWeights()[1]).isPositive();
        assertThat(outcome.validatorDividends()[1]).isZero();
    }

    @Test
    void anOutvotedValidatorLowersPerformanceByItsClippedWeight() {
        // Four equal stakes (all permitted). V0-V2 put all on miner 0, V3 all on miner 1. Kappa 0.5: consensus C0 = 1
        // (three quarters of the stake), C1 = 0. Trust: 1, 1, 1, 0 -> performance 3/4 = 7,500 bps; all incentive on miner 0.
        var validators = IntStream.range(0, 4).mapToObj(i -> validator(i, 100)).toList();
        var snapshot = new BrainSnapshot(7, validators, List.of(miner(0, 1), miner(1, 1)),
                Map.of(validators.get(0).account(), reveal(1, 0), validators.get(1).account(), reveal(1, 0),
                        validators.get(2).account(), reveal(1, 0), validators.get(3).account(), reveal(0, 1)), END);
        BrainOutcome outcome = run(snapshot);
        assertThat(outcome.performanceBps()).isEqualTo(7_500);
        assertThat(outcome.minerWeights()[0]).isEqualTo(Fixed.ONE);
        assertThat(outcome.minerWeights()[1]).isZero();
    }

    @Test
    void nobodyValidatingMeansNoPerformanceAndNoMinersNoConsensus() {
        var validators = List.of(validator(0, 100));
        assertThat(run(new BrainSnapshot(7, validators, List.of(miner(0, 1)), Map.of(), END)).performanceBps()).isZero();
        BrainOutcome empty = run(new BrainSnapshot(7, validators, List.of(), Map.of(), END));
        assertThat(empty.consensus()).isEmpty();
        assertThat(empty.performanceBps()).isZero();
    }

    @Test
    void aWeightSetBeforeTheMinersUidChangedHandsIsDropped() {
        // Miner 1 registered after the commit epoch ended: the weight was meant for the uid's previous holder.
        var validators = List.of(validator(0, 100));
        var snapshot = new BrainSnapshot(7, validators, List.of(miner(0, 1), miner(1, END - 10)),
                Map.of(validators.get(0).account(), reveal(1, 1)), END - 360);
        BrainOutcome outcome = run(snapshot);
        assertThat(outcome.minerWeights()[0]).isEqualTo(Fixed.ONE);
        assertThat(outcome.minerWeights()[1]).isZero();
    }

    @Test
    void bondsFollowTheirHoldersNotTheUids() {
        var validators = List.of(validator(0, 100));
        var before = new BrainSnapshot(7, validators, List.of(miner(0, 1), miner(1, 1)), Map.of(validators.get(0).account(), reveal(1, 1)), END);
        BondState bonds = run(before).bonds();
        assertThat(bonds.bonds()[0][1]).isPositive();
        var after = new BrainSnapshot(7, validators, List.of(miner(0, 1), miner(1, END - 5), miner(2, END - 5)), Map.of(), END);
        long[][] carried = bonds.carriedInto(after);
        assertThat(carried[0][0]).isEqualTo(bonds.bonds()[0][0]);
        assertThat(carried[0][1]).as("uid 1 has a new holder").isZero();
        assertThat(carried[0][2]).as("uid 2 is new").isZero();
    }

    @Test
    void aFullBrainPrunesItsLowestIncentiveMinerOutsideImmunity() {
        long[] incentive = {5, 1, 0, 3};
        var nodes = List.of(miner(0, 1), miner(1, 1), miner(2, END - Economics.IMMUNITY_BLOCKS + 1), miner(3, 1));
        assertThat(BrainEpoch.prune(nodes, incentive, 4, END)).as("uid 2 is still immune").contains(1);
        assertThat(BrainEpoch.prune(nodes, incentive, 5, END)).as("not full").isEmpty();
    }

    @Test
    void permitsGoToTheSeventiethPercentileOfStakeAndNeverToZeroStake() {
        var validators = IntStream.range(0, 10).mapToObj(i -> validator(i, 10L * i)).toList();
        boolean[] permits = BrainEpoch.permits(validators);
        assertThat(IntStream.range(0, 10).filter(i -> permits[i]).toArray()).containsExactly(6, 7, 8, 9);
        assertThat(BrainEpoch.permits(List.of(validator(0, 0)))[0]).isFalse();
    }
}
