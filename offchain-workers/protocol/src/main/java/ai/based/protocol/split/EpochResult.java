package ai.based.protocol.split;

import ai.based.protocol.Reward;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One epoch's rewards: per-Brain totals (ascending Brain numbers, as the oracle contract wants them) and
 * per-account amounts (sorted by address, the leaf order of the Merkle tree).
 */
public record EpochResult(long epoch, Map<Long, BigInteger> brainTotals, Map<String, BigInteger> accounts) {

    public BigInteger total() {
        return brainTotals.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    public List<Reward> rewards() {
        return accounts.entrySet().stream().map(e -> new Reward(e.getKey(), e.getValue())).toList();
    }
}
