package ai.based.protocol.consensus;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Two epochs of a seeded random Brain, both bond variants, reduced to one SHA-256 over every output value:
 * what a signer would compare. A main method so another JVM can compute it too.
 */
final class ConsensusDigest {
    private ConsensusDigest() {}

    public static void main(String[] args) throws Exception {
        System.out.println(of(Long.parseLong(args[0])));
    }

    static String of(long seed) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (BondVariant variant : BondVariant.values()) {
            BrainConsensusInput input = brain(seed, 24, 60);
            YumaParameters parameters = YumaParameters.defaults().withVariant(variant);
            ConsensusResult first = YumaConsensus.compute(input, parameters);
            ConsensusResult second = YumaConsensus.compute(input.withPreviousBonds(first.bonds()), parameters);
            for (ConsensusResult r : new ConsensusResult[] {first, second}) {
                for (long[] v : new long[][] {r.activeStake(), r.consensus(), r.validatorTrust(), r.ranks(), r.incentive(), r.dividends(), r.credits()}) {
                    update(sha, v);
                }
                for (long[] row : r.bonds()) update(sha, row);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
        for (long v : values) buffer.putLong(v);
        sha.update(buffer.array());
    }

    private static BrainConsensusInput brain(long seed, int n, int m) {
        SplittableRandom random = new SplittableRandom(seed);
        BigInteger[] stakes = new BigInteger[n];
        boolean[] permits = new boolean[n];
        boolean[] active = new boolean[n];
        int[] self = new int[n];
        int[][] weights = new int[n][m];
        for (int i = 0; i < n; i++) {
            stakes[i] = BigInteger.valueOf(random.nextLong(1, 1L << 40)).shiftLeft(random.nextInt(40));
            permits[i] = random.nextInt(8) != 0;
            active[i] = random.nextInt(8) != 0;
            self[i] = random.nextInt(4) == 0 ? random.nextInt(m) : -1;
            for (int j = 0; j < m; j++) weights[i][j] = random.nextInt(4) == 0 ? 0 : random.nextInt(65_536);
        }
        return new BrainConsensusInput(stakes, permits, active, weights, self, null);
    }
}
