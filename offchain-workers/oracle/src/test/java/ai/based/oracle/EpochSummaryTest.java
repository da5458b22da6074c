package ai.based.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.Prune;
import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.split.EpochResult;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Where two signers' results differ, from their bounded summaries alone. */
class EpochSummaryTest {
    private static ConsensusResult consensus(long incentive0) {
        return new ConsensusResult(new long[] {1, 2}, new long[] {3}, new long[] {4, 5}, new long[] {6}, new long[] {incentive0},
                new long[] {7, 8}, new long[][] {{9}, {10}}, new long[] {11});
    }

    private static ComputedEpoch epoch(Map<Long, BigInteger> totals, Map<String, BigInteger> accounts, List<Prune> prunes,
            Map<Long, ConsensusResult> consensus) {
        return new ComputedEpoch(new EpochResult(5, new TreeMap<>(totals), new TreeMap<>(accounts)), prunes, new byte[32], new byte[32], consensus);
    }

    private static final Map<Long, BigInteger> TOTALS = Map.of(7L, BigInteger.TEN, 8L, BigInteger.TWO);
    private static final Map<String, BigInteger> ACCOUNTS = Map.of("0xaa", BigInteger.ONE, "0xbb", BigInteger.TWO);

    @Test
    void namesTheFirstDifferingPart() {
        JsonObject mine = EpochSummary.of(epoch(TOTALS, ACCOUNTS, List.of(new Prune(7, 0, 1)), Map.of(7L, consensus(100))));
        assertThat(EpochSummary.firstDifference(mine, mine.copy())).isEmpty();
        assertThat(EpochSummary.firstDifference(mine, EpochSummary.of(epoch(Map.of(7L, BigInteger.TEN, 8L, BigInteger.ONE), ACCOUNTS,
                List.of(new Prune(7, 0, 1)), Map.of(7L, consensus(100)))))).hasValue("brainTotals[8]: 2 here, 1 there");
        assertThat(EpochSummary.firstDifference(mine, EpochSummary.of(epoch(TOTALS, Map.of("0xaa", BigInteger.ONE, "0xbb", BigInteger.TEN),
                List.of(new Prune(7, 0, 1)), Map.of(7L, consensus(100)))))).hasValue("accounts[0xbb]: 2 here, 10 there");
        assertThat(EpochSummary.firstDifference(mine, EpochSummary.of(epoch(TOTALS, ACCOUNTS, List.of(),
                Map.of(7L, consensus(100)))))).hasValue("prunes[0] (brain, role, uid): [7,0,1] here, none there");
        assertThat(EpochSummary.firstDifference(mine, EpochSummary.of(epoch(TOTALS, ACCOUNTS, List.of(new Prune(7, 0, 1)),
                Map.of(7L, consensus(101)))))).hasValue("consensus of Brain #7: incentive[0]: 100 here, 101 there");
    }

    @Test
    void aMalformedSummaryIsADifferenceNotACrash() {
        JsonObject mine = EpochSummary.of(epoch(TOTALS, ACCOUNTS, List.of(), Map.of()));
        assertThat(EpochSummary.firstDifference(mine, new JsonObject().put("brainTotals", "nonsense"))).get().asString()
                .startsWith("their summary is malformed");
        assertThat(EpochSummary.firstDifference(mine, new JsonObject())).get().asString().startsWith("their summary is malformed");
    }

    @Test
    void summariesStayBoundedAndStillFindADifferenceBeyondTheBounds() {
        Map<String, BigInteger> many = new TreeMap<>();
        for (int i = 0; i <= EpochSummary.MAX_ACCOUNTS; i++) many.put(String.format("0x%040x", i), BigInteger.ONE);
        JsonObject mine = EpochSummary.of(epoch(TOTALS, many, List.of(), Map.of()));
        assertThat(mine.containsKey("accounts")).isFalse();
        Map<String, BigInteger> other = new TreeMap<>(many);
        other.put(String.format("0x%040x", 3), BigInteger.TWO);
        assertThat(EpochSummary.firstDifference(mine, EpochSummary.of(epoch(TOTALS, other, List.of(), Map.of())))).get().asString()
                .startsWith("accounts: " + many.size() + " accounts hashing to");
        assertThat(mine.encode().length()).isLessThan(OraclePeers.MAX_ANSWER_BYTES);
    }
}
