package ai.based.cli.bench;

import ai.based.protocol.Reward;
import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.consensus.Fixed;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's stand-in for the epoch split: every Brain gets an equal share of one epoch's emission, its
 * miners share half of it by incentive and its validators half by dividends (amount = pool * share / 2^32,
 * rounded down). Enough to give the Merkle tree one leaf per account with realistic amounts.
 */
final class NetworkRewards {
    private static final BigInteger EPOCH_EMISSION = BigInteger.TEN.pow(19).multiply(BigInteger.valueOf(360));

    private NetworkRewards() {}

    static List<Reward> split(ConsensusResult[] results, String[][] accounts) {
        BigInteger perBrain = EPOCH_EMISSION.divide(BigInteger.valueOf(results.length));
        BigInteger half = perBrain.shiftRight(1);
        List<Reward> rewards = new ArrayList<>(results.length * accounts[0].length);
        for (int b = 0; b < results.length; b++) {
            long[] dividends = results[b].dividends();
            long[] incentive = results[b].incentive();
            for (int i = 0; i < dividends.length; i++) rewards.add(new Reward(accounts[b][i], share(half, dividends[i])));
            for (int j = 0; j < incentive.length; j++) rewards.add(new Reward(accounts[b][dividends.length + j], share(half, incentive[j])));
        }
        return rewards;
    }

    private static BigInteger share(BigInteger pool, long fraction) {
        return pool.multiply(BigInteger.valueOf(fraction)).shiftRight(Fixed.FRACTION_BITS);
    }
}
