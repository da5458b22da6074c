package ai.based.cli.bench;

import ai.based.protocol.consensus.BrainConsensusInput;
import ai.based.protocol.consensus.U16Weights;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Synthetic but plausible Brains for the consensus benchmark: every miner has a hidden quality, each validator
 * sees it through its own noise (a tenth of them are outliers with pure noise), weights are dense and
 * max-upscaled to u16 as validators emit them, stakes spread over three orders of magnitude in wei.
 */
final class ConsensusWorkload {
    private static final BigInteger WEI = BigInteger.TEN.pow(18);

    private ConsensusWorkload() {}

    static BrainConsensusInput brain(int validators, int miners, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] quality = random.doubles(miners, 0.05, 1).toArray();
        BigInteger[] stakes = new BigInteger[validators];
        boolean[] permits = new boolean[validators];
        boolean[] active = new boolean[validators];
        int[] self = new int[validators];
        int[][] weights = new int[validators][];
        for (int i = 0; i < validators; i++) {
            stakes[i] = BigInteger.valueOf(random.nextLong(1_000, 1_000_000)).multiply(WEI);
            permits[i] = true;
            active[i] = random.nextInt(20) != 0;
            self[i] = random.nextInt(8) == 0 ? random.nextInt(miners) : -1;
            boolean outlier = random.nextInt(10) == 0;
            double[] seen = new double[miners];
            for (int j = 0; j < miners; j++) {
                seen[j] = outlier ? random.nextDouble() : Math.max(0.001, quality[j] + random.nextGaussian() * 0.05);
            }
            weights[i] = U16Weights.maxUpscale(seen);
        }
        return new BrainConsensusInput(stakes, permits, active, weights, self, null);
    }
}
