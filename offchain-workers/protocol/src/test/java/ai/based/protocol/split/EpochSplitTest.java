package ai.based.protocol.split;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.protocol.split.BrainEpochInput.Delegation;
import ai.based.protocol.split.BrainEpochInput.Miner;
import ai.based.protocol.split.BrainEpochInput.Validator;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each rule of the split with numbers worked out by hand (amounts in base units for readability). */
class EpochSplitTest {
    private static final String OWNER = "0x00000000000000000000000000000000000000a0";
    private static final String M1 = "0x00000000000000000000000000000000000000b1";
    private static final String M2 = "0x00000000000000000000000000000000000000b2";
    private static final String V1 = "0x00000000000000000000000000000000000000c1";
    private static final String D1 = "0x00000000000000000000000000000000000000d1";

    private static BigInteger n(long value) {
        return BigInteger.valueOf(value);
    }

    private static BrainEpochInput brain(long id, long stake, int performance, boolean eligible, int minerBps, int handoffBps,
            List<Miner> miners, List<Validator> validators, List<Delegation> stakers) {
        return new BrainEpochInput(id, OWNER, n(stake), performance, eligible, minerBps, handoffBps, miners, validators, stakers);
    }

    @Test
    void ownerTakesAQuarterAndNodesSplitByTheOwnersRatio() {
        // 1,000: owner 250; nodes 750 -> miners 60% = 450 (1:2 -> 150, 300), validator 300 -> take 18% = 54 + 246 back as stake.
        var input = brain(7, 1_000, 10_000, true, 6_000, 0,
                List.of(new Miner(M1, n(1)), new Miner(M2, n(2))),
                List.of(new Validator(V1, 1_800, List.of(new Delegation(V1, n(100))), BigInteger.ZERO)), List.of());
        EpochResult result = EpochSplit.compute(0, n(1_000), 0, n(1_000), List.of(input));
        assertThat(result.accounts()).containsExactlyInAnyOrderEntriesOf(Map.of(OWNER, n(250), M1, n(150), M2, n(300), V1, n(300)));
        assertThat(result.brainTotals()).containsExactly(Map.entry(7L, n(1_000)));
    }

    @Test
    void ownerMayHandPartOfItsQuarterToTheNodesButNeverTakeMore() {
        // owner 250, handoff 20% = 50 -> owner 200, nodes 800 -> 400 miners, 400 brain stakers.
        var input = brain(7, 1_000, 10_000, true, 5_000, 2_000, List.of(new Miner(M1, n(1))), List.of(),
                List.of(new Delegation(D1, n(5))));
        EpochResult result = EpochSplit.compute(0, n(1_000), 0, n(1_000), List.of(input));
        assertThat(result.accounts()).containsExactlyInAnyOrderEntriesOf(Map.of(OWNER, n(200), M1, n(400), D1, n(400)));
    }

    @Test
    void bonusPoolGoesToTheTopThirtyPercentAndStakeCountsOnlyUpToHalfAPercent() {
        // Network stake 20,000 -> cap 100. Counted: A min(1000,100)=100, B 80, C 40. Weights x performance:
        // A 100x10000=1,000,000, B 80x5000=400,000, C 40x2500=100,000; sum 1,500,000.
        // 15,000 emitted: bonus 10% = 1,500, base 13,500 -> A 9,000, B 3,600, C 900. Top 30% of 3 = 1 Brain (A): +1,500.
        List<BrainEpochInput> brains = List.of(
                brain(10, 1_000, 10_000, true, 5_000, 0, List.of(new Miner(M1, n(1))), List.of(), List.of(new Delegation(D1, n(1)))),
                brain(11, 80, 5_000, true, 5_000, 0, List.of(new Miner(M1, n(1))), List.of(), List.of(new Delegation(D1, n(1)))),
                brain(12, 40, 2_500, true, 5_000, 0, List.of(new Miner(M1, n(1))), List.of(), List.of(new Delegation(D1, n(1)))));
        EpochResult result = EpochSplit.compute(3, n(15_000), 1_000, n(20_000), brains);
        assertThat(result.brainTotals()).containsExactly(Map.entry(10L, n(10_500)), Map.entry(11L, n(3_600)), Map.entry(12L, n(900)));
        assertThat(result.total()).isEqualTo(n(15_000));
        // Brain 10: owner 2,625; nodes 7,875 -> miner 3,937 (rounded down), stakers 3,938.
        assertThat(result.accounts().get(OWNER)).isEqualTo(n(2_625 + 900 + 225));
    }

    @Test
    void onlyValidatorsAtOrAboveTheSeventiethPercentileShareTheValidatorPool() {
        // Stakes 10..100: nearest rank ceil(0.7 x 10) = 7 -> threshold 70 -> 70, 80, 90, 100 active (sum 340).
        List<Validator> validators = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> new Validator(address(i), 0, List.of(new Delegation(address(i), n(10L * i))), BigInteger.ZERO)).toList();
        assertThat(EpochSplit.activeValidators(validators)).extracting(Validator::stake).containsExactly(n(70), n(80), n(90), n(100));
        // 4,533 emitted: owner 1,133; nodes 3,400 all to validators (miner share 0): 700, 800, 900, 1,000.
        var input = brain(7, 1_000, 10_000, true, 0, 0, List.of(), validators, List.of());
        EpochResult result = EpochSplit.compute(0, n(4_533), 0, n(1_000), List.of(input));
        assertThat(result.accounts()).containsEntry(address(7), n(700)).containsEntry(address(10), n(1_000))
                .doesNotContainKey(address(6));
        assertThat(EpochSplit.activeValidators(validators.subList(0, 1))).hasSize(1);
    }

    @Test
    void validatorKeepsItsTakeAndDelegatorsShareTheRestByStake() {
        // Validator pool 1,000 (owner 0 share: ineligible is tested separately, so use emission 1,333 with 0 miners):
        // owner 333; nodes 1,000 -> V1 take 18% = 180; 820 split 300:700 -> V1 246, D1 574.
        var input = brain(7, 1_000, 10_000, true, 0, 0, List.of(),
                List.of(new Validator(V1, 1_800, List.of(new Delegation(V1, n(300)), new Delegation(D1, n(700))), BigInteger.ZERO)), List.of());
        EpochResult result = EpochSplit.compute(0, n(1_333), 0, n(1_000), List.of(input));
        assertThat(result.accounts()).containsEntry(V1, n(180 + 246)).containsEntry(D1, n(574)).containsEntry(OWNER, n(333));
    }

    @Test
    void stakeAcquiredBrainOwnersEarnNothingBeforeNinetyDays() {
        // 1,000: owner share 250 withheld (not minted); nodes 750 -> 375 miner, 375 stakers.
        var input = brain(7, 1_000, 10_000, false, 5_000, 0, List.of(new Miner(M1, n(1))), List.of(),
                List.of(new Delegation(D1, n(1))));
        EpochResult result = EpochSplit.compute(0, n(1_000), 0, n(1_000), List.of(input));
        assertThat(result.accounts()).doesNotContainKey(OWNER).containsEntry(M1, n(375)).containsEntry(D1, n(375));
        assertThat(result.total()).isEqualTo(n(750));
    }

    @Test
    void validatorsShareByDividendsAndBrainStakersByStake() {
        // 4,000: owner 1,000; nodes 3,000 all to validators. Permitted stake 100 + 100, Brain stakers 50:
        // stakers 3,000 x 50/250 = 600; the other 2,400 by dividends 3:1 -> V1 1,800, V2 600, though their stakes are equal.
        String v2 = address(2);
        var input = brain(7, 1_000, 10_000, true, 0, 0, List.of(), List.of(
                new Validator(V1, 0, List.of(new Delegation(V1, n(100))), n(3)),
                new Validator(v2, 0, List.of(new Delegation(v2, n(100))), n(1))), List.of(new Delegation(D1, n(50))));
        EpochResult result = EpochSplit.compute(0, n(4_000), 0, n(1_000), List.of(input));
        assertThat(result.accounts()).containsEntry(V1, n(1_800)).containsEntry(v2, n(600)).containsEntry(D1, n(600));
    }

    private static String address(int i) {
        return String.format("0x%040x", 0xe0 + i);
    }
}
