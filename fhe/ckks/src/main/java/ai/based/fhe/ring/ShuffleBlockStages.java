package ai.based.fhe.ring;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * {@link BlockStages} with JDK 21's two-register {@code rearrange(shuffle, v)}. Each kernel makes its shuffles on entry:
 * a shuffle read from a field has no exact type for C2, and its rearrangements then run as slow calls.
 */
final class ShuffleBlockStages extends BlockStages {
    @Override
    VectorNtt.Pass forward(Block block) {
        return new Forward(block);
    }

    @Override
    VectorNtt.Pass inverse(Block block) {
        return new Inverse(block);
    }

    /** The loop is the pass's own method, as in SelectBlockStages (see there). */
    private record Forward(Block block) implements VectorNtt.Pass {
        @Override
        public void run(Ntt ntt, long[] a, int groups, int t) {
            long[] w = ntt.psiRev();
            long[] ws = ntt.psiRevShoup();
            long q = ntt.modulus().q;
            long twoQ = q << 1;
            int perBlock = block.groupsPerBlock();
            VectorShuffle<Long> first = pairShuffle(block.toFirst());
            VectorShuffle<Long> second = pairShuffle(block.toSecond());
            VectorShuffle<Long> low = pairShuffle(block.toLow());
            VectorShuffle<Long> high = pairShuffle(block.toHigh());
            VectorShuffle<Long> spread = VectorShuffle.fromArray(Lanes.SPECIES, block.spread(), 0);
            for (int from = groups, j = 0; j < a.length; from += perBlock, j += 2 * Lanes.LENGTH) {
                LongVector lo = LongVector.fromArray(Lanes.SPECIES, a, j);
                LongVector hi = LongVector.fromArray(Lanes.SPECIES, a, j + Lanes.LENGTH);
                LongVector u = Lanes.reduceOnce(lo.rearrange(first, hi), twoQ);
                LongVector v = Lanes.mulShoupTruncated(lo.rearrange(second, hi), twiddles(w, from, spread),
                        twiddles(ws, from, spread), q, twoQ);
                LongVector x = u.add(v);
                LongVector y = u.sub(v).add(twoQ);
                x.rearrange(low, y).intoArray(a, j);
                x.rearrange(high, y).intoArray(a, j + Lanes.LENGTH);
            }
        }
    }

    private record Inverse(Block block) implements VectorNtt.Pass {
        @Override
        public void run(Ntt ntt, long[] a, int groups, int t) {
            long[] w = ntt.psiInvRev();
            long[] ws = ntt.psiInvRevShoup();
            long q = ntt.modulus().q;
            long twoQ = q << 1;
            int perBlock = block.groupsPerBlock();
            VectorShuffle<Long> first = pairShuffle(block.toFirst());
            VectorShuffle<Long> second = pairShuffle(block.toSecond());
            VectorShuffle<Long> low = pairShuffle(block.toLow());
            VectorShuffle<Long> high = pairShuffle(block.toHigh());
            VectorShuffle<Long> spread = VectorShuffle.fromArray(Lanes.SPECIES, block.spread(), 0);
            for (int from = groups, j = 0; j < a.length; from += perBlock, j += 2 * Lanes.LENGTH) {
                LongVector lo = LongVector.fromArray(Lanes.SPECIES, a, j);
                LongVector hi = LongVector.fromArray(Lanes.SPECIES, a, j + Lanes.LENGTH);
                LongVector u = lo.rearrange(first, hi);
                LongVector v = lo.rearrange(second, hi);
                LongVector x = Lanes.reduceOnce(u.add(v), twoQ);
                // the exact product: with the truncated one's extra reduction this loop reached C2's node cutoff and
                // boxed its vectors (9.5 us per stage at N = 8192 against 3.3)
                LongVector y = Lanes.mulShoupLazy(u.sub(v).add(twoQ), twiddles(w, from, spread), twiddles(ws, from, spread), q);
                x.rearrange(low, y).intoArray(a, j);
                x.rearrange(high, y).intoArray(a, j + Lanes.LENGTH);
            }
        }
    }

    @Override
    String name() {
        return "rearrange (JDK 21)";
    }

    private static LongVector twiddles(long[] table, int from, VectorShuffle<Long> spread) {
        return LongVector.fromArray(Lanes.SPECIES, table, from).rearrange(spread);
    }

    /** The second register's lanes 8..15 as the exceptional indexes -8..-1 that name the other vector here. */
    private static VectorShuffle<Long> pairShuffle(int[] sources) {
        int[] indexes = new int[Lanes.LENGTH];
        for (int lane = 0; lane < Lanes.LENGTH; lane++) indexes[lane] = sources[lane] < Lanes.LENGTH ? sources[lane] : sources[lane] - 2 * Lanes.LENGTH;
        return VectorShuffle.fromArray(Lanes.SPECIES, indexes, 0);
    }
}
