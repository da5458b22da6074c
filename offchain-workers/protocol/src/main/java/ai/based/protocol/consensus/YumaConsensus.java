package ai.based.protocol.consensus;

import java.math.BigInteger;

/**
 * Yuma consensus for one Brain, after subtensor's {@code epoch_dense} (run_epoch.rs, math.rs), in the
 * {@link Fixed} arithmetic every oracle signer shares:
 *
 * <ol>
 *   <li>active stake: stakes of validators that hold a permit and are active, normalised;
 *   <li>weights: rows of validators without a permit dropped, each validator's weight on its own miner uid
 *       dropped, rows normalised;
 *   <li>consensus per miner: the stake-weighted median with majority kappa ({@link WeightedMedian});
 *   <li>weights clipped at consensus; validator trust = sum of a validator's clipped weights;
 *   <li>ranks = clipped weights times active stake; incentive = ranks normalised;
 *   <li>bonds and dividends per {@link BondVariant}, dividends normalised. With no incentive at all (no
 *       weights, or none within consensus) dividends follow active stake, or all stake if none is active.
 * </ol>
 *
 * <p>Where this departs from subtensor, deliberately: validators and miners are separate axes (so the diagonal
 * mask becomes the validator-to-miner uid mapping); stake is masked before its one normalisation rather than
 * normalised twice; bonds are kept in fixed point rather than max-upscaled to u16; the published incentive and
 * dividends sum to exactly 1 ({@link Fixed#normalizeExact}).
 */
public final class YumaConsensus {
    private YumaConsensus() {}

    public static ConsensusResult compute(BrainConsensusInput input, YumaParameters parameters) {
        int n = input.validators();
        int m = input.miners();
        long[] stake = normalisedStake(input, false);
        long[] activeStake = normalisedStake(input, true);
        long[][] weights = normalisedWeights(input);

        long[] consensus = WeightedMedian.perColumn(activeStake, weights, parameters.kappa());
        // clipped weights min(W_ij, C_j) are never stored: each pass clips as it reads (one matrix less to write)
        long[] validatorTrust = new long[n];
        for (int i = 0; i < n; i++) {
            long trust = 0;
            for (int j = 0; j < m; j++) trust += Math.min(weights[i][j], consensus[j]);
            validatorTrust[i] = trust;
        }
        long[] credits = stakeWeighted(weights, activeStake, null);
        long[] ranks = stakeWeighted(weights, activeStake, consensus);
        long[] incentive = Fixed.normalize(ranks);

        Bonds.Update bonds = Bonds.update(parameters.variant(), new BondWeights(weights, consensus, parameters.bondsPenalty()),
                input.previousBonds(), activeStake, incentive, parameters.bondsAlpha());
        long[] dividends = bonds.dividends();
        if (Fixed.sum(dividends) == 0) dividends = Fixed.sum(activeStake) > 0 ? activeStake : stake;
        return new ConsensusResult(activeStake, consensus, validatorTrust, ranks, Fixed.normalizeExact(ranks),
                Fixed.normalizeExact(dividends), bonds.bonds(), credits);
    }

    /** Stake masked to permitted (and, if asked, active) validators, normalised from the exact integers. */
    static long[] normalisedStake(BrainConsensusInput input, boolean activeOnly) {
        int n = input.validators();
        BigInteger total = BigInteger.ZERO;
        BigInteger[] counted = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            boolean counts = !activeOnly || (input.permits()[i] && input.active()[i]);
            counted[i] = counts ? input.stakes()[i] : BigInteger.ZERO;
            total = total.add(counted[i]);
        }
        long[] out = new long[n];
        if (total.signum() == 0) return out;
        for (int i = 0; i < n; i++) out[i] = Fixed.ratio(counted[i], total);
        return out;
    }

    /** u16 weights to row-normalised fixed point, without unpermitted rows and without self-weights. */
    static long[][] normalisedWeights(BrainConsensusInput input) {
        int n = input.validators();
        int m = input.miners();
        long[][] out = new long[n][m];
        for (int i = 0; i < n; i++) {
            if (!input.permits()[i]) continue;
            int[] row = input.weights()[i];
            int self = input.selfMinerUid()[i];
            long sum = 0;
            for (int j = 0; j < m; j++) {
                if (j != self) sum += row[j];
            }
            if (sum == 0) continue;
            Fixed.Divider divider = new Fixed.Divider(sum);
            for (int j = 0; j < m; j++) {
                if (j != self) out[i][j] = divider.divide(row[j]);
            }
        }
        return out;
    }

    /** r_j = sum_i W_ij * S_i, with W_ij clipped at C_j when a consensus is given. */
    static long[] stakeWeighted(long[][] weights, long[] stake, long[] clipAt) {
        int m = weights[0].length;
        long[] out = new long[m];
        for (int i = 0; i < weights.length; i++) {
            long s = stake[i];
            if (s == 0) continue;
            long[] row = weights[i];
            if (clipAt == null) {
                for (int j = 0; j < m; j++) out[j] += Fixed.mul(row[j], s);
            } else {
                for (int j = 0; j < m; j++) out[j] += Fixed.mul(Math.min(row[j], clipAt[j]), s);
            }
        }
        return out;
    }
}
