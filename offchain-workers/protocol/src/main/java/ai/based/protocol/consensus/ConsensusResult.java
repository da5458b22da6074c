package ai.based.protocol.consensus;

import java.util.Optional;

/**
 * What Yuma consensus yields for one Brain and epoch; vectors in {@link Fixed} units.
 *
 * @param activeStake per validator: stake of permitted, active validators, normalised
 * @param consensus per miner: the stake-weighted kappa-median of the normalised weights
 * @param validatorTrust per validator: the sum of its weights after clipping at consensus
 * @param ranks per miner: stake-weighted clipped weights, before normalisation
 * @param incentive per miner: ranks normalised to sum to exactly 1 (all zero when no weight survives)
 * @param dividends per validator: sums to exactly 1 whenever any validator has stake
 * @param bonds validators x miners, to pass back as next epoch's previous bonds
 * @param credits per miner: this epoch's credit delta W.S (whitepaper 3.4.3), normalised weights before clipping
 */
public record ConsensusResult(long[] activeStake, long[] consensus, long[] validatorTrust, long[] ranks,
        long[] incentive, long[] dividends, long[][] bonds, long[] credits) {

    /**
     * Where this result first differs from another signer's, as "dividends[3]: 1234 here, 1235 there", or empty
     * when every bit agrees: what a signer says when it refuses to sign.
     */
    public Optional<String> firstDifference(ConsensusResult other) {
        String[] names = {"activeStake", "consensus", "validatorTrust", "ranks", "incentive", "dividends", "credits"};
        long[][] mine = {activeStake, consensus, validatorTrust, ranks, incentive, dividends, credits};
        long[][] theirs = {other.activeStake, other.consensus, other.validatorTrust, other.ranks, other.incentive, other.dividends, other.credits};
        for (int v = 0; v < names.length; v++) {
            Optional<String> difference = firstDifference(names[v], mine[v], theirs[v]);
            if (difference.isPresent()) return difference;
        }
        if (bonds.length != other.bonds.length) return Optional.of("bonds: " + bonds.length + " rows here, " + other.bonds.length + " there");
        for (int i = 0; i < bonds.length; i++) {
            Optional<String> difference = firstDifference("bonds[" + i + "]", bonds[i], other.bonds[i]);
            if (difference.isPresent()) return difference;
        }
        return Optional.empty();
    }

    private static Optional<String> firstDifference(String name, long[] mine, long[] theirs) {
        if (mine.length != theirs.length) return Optional.of(name + ": " + mine.length + " entries here, " + theirs.length + " there");
        for (int k = 0; k < mine.length; k++) {
            if (mine[k] != theirs[k]) return Optional.of(name + "[" + k + "]: " + mine[k] + " here, " + theirs[k] + " there");
        }
        return Optional.empty();
    }
}
