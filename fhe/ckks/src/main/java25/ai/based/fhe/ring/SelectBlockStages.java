package ai.based.fhe.ring;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * {@link BlockStages} with the two-register {@code selectFrom(v1, v2)} of JDK 24 and later, one {@code vpermt2q} per
 * regrouping. Compiled only by a JDK 25 compiler (the {@code jdk25-kernels} profile of this module's build) and loaded
 * by name, so that the rest of the library still builds and runs on JDK 21.
 */
final class SelectBlockStages extends BlockStages {
    @Override
    VectorNtt.Pass forward(Block block) {
        return new Forward(block);
    }

    @Override
    VectorNtt.Pass inverse(Block block) {
        return new Inverse(block);
    }

    /**
     * The loop is the pass's own method, not one it calls: {@code VectorNtt} calls every pass from one megamorphic call
     * site, so C2 always compiles this method on its own, never inlined into a caller or with a kernel inlined or not
     * depending on which was compiled first.
     */
    private record Forward(Block block) implements VectorNtt.Pass {
        @Override
        public void run(Ntt ntt, long[] a, int groups, int t) {
            long[] w = ntt.psiRev();
            long[] ws = ntt.psiRevShoup();
            long q = ntt.modulus().q;
            long twoQ = q << 1;
            int perBlock = block.groupsPerBlock();
            LongVector first = indexes(block.toFirst());
            LongVector second = indexes(block.toSecond());
            LongVector low = indexes(block.toLow());
            LongVector high = indexes(block.toHigh());
            VectorShuffle<Long> spread = VectorShuffle.fromArray(Lanes.SPECIES, block.spread(), 0);
            for (int from = groups, j = 0; j < a.length; from += perBlock, j += 2 * Lanes.LENGTH) {
                LongVector lo = LongVector.fromArray(Lanes.SPECIES, a, j);
                LongVector hi = LongVector.fromArray(Lanes.SPECIES, a, j + Lanes.LENGTH);
                LongVector u = Lanes.reduceOnce(first.selectFrom(lo, hi), twoQ);
                LongVector v = Lanes.mulShoupTruncated(second.selectFrom(lo, hi), twiddles(w, from, spread),
                        twiddles(ws, from, spread), q, twoQ);
                LongVector x = u.add(v);
                LongVector y = u.sub(v).add(twoQ);
                low.selectFrom(x, y).intoArray(a, j);
                high.selectFrom(x, y).intoArray(a, j + Lanes.LENGTH);
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
            LongVector first = indexes(block.toFirst());
            LongVector second = indexes(block.toSecond());
            LongVector low = indexes(block.toLow());
            LongVector high = indexes(block.toHigh());
            VectorShuffle<Long> spread = VectorShuffle.fromArray(Lanes.SPECIES, block.spread(), 0);
            for (int from = groups, j = 0; j < a.length; from += perBlock, j += 2 * Lanes.LENGTH) {
                LongVector lo = LongVector.fromArray(Lanes.SPECIES, a, j);
                LongVector hi = LongVector.fromArray(Lanes.SPECIES, a, j + Lanes.LENGTH);
                LongVector u = first.selectFrom(lo, hi);
                LongVector v = second.selectFrom(lo, hi);
                LongVector x = Lanes.reduceOnce(u.add(v), twoQ);
                LongVector y = Lanes.mulShoupTruncated(u.sub(v).add(twoQ), twiddles(w, from, spread), twiddles(ws, from, spread),
                        q, twoQ);
                low.selectFrom(x, y).intoArray(a, j);
                high.selectFrom(x, y).intoArray(a, j + Lanes.LENGTH);
            }
        }
    }

    @Override
    String name() {
        return "selectFrom (JDK 25)";
    }

    private static LongVector twiddles(long[] table, int from, VectorShuffle<Long> spread) {
        return LongVector.fromArray(Lanes.SPECIES, table, from).rearrange(spread);
    }

    /** Lane indexes as a vector: 0..7 the first register, 8..15 the second. */
    private static LongVector indexes(int[] sources) {
        long[] lanes = new long[Lanes.LENGTH];
        for (int lane = 0; lane < Lanes.LENGTH; lane++) lanes[lane] = sources[lane];
        return LongVector.fromArray(Lanes.SPECIES, lanes, 0);
    }
}
