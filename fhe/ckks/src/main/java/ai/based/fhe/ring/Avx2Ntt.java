package ai.based.fhe.ring;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * {@link VectorNtt} on four lanes (AVX2): the same passes, tables, bounds and results bit for bit, with blocks of eight
 * coefficients in two registers for the stages at distance 2 and 1 (stages at distance 4 and more take four
 * butterflies per step with one twiddle). Rows shorter than eight take the scalar path. A copy with {@link Lanes256}
 * (why a copy: Lanes256): a change to one belongs in both.
 */
final class Avx2Ntt {
    static final int MIN_N = 2 * Lanes256.LENGTH;

    /** Lane contents (coefficient offsets in a block of 8) of the two registers of each stage: pairs are {x, x + t}. */
    private static final int[] NATURAL = {0, 1, 2, 3};
    private static final int[] PAIRS_2 = {0, 1, 4, 5};
    private static final int[] PAIRS_1 = {0, 2, 4, 6};

    private static final Regroup BY_2 = Regroup.of(PAIRS_2, 2);
    private static final Regroup BY_1 = Regroup.of(PAIRS_1, 1);

    /** Spreads the twiddles of a block's groups over the lanes of the first register (group = offset / 2t). */
    private static final int[] TWIDDLES_2 = {0, 0, 1, 1};
    private static final int[] TWIDDLES_1 = {0, 1, 2, 3};

    /** The passes of each transform by log2 N, made on first use (Step and its passes are immutable). */
    private static final Step[][] FORWARD_PLANS = new Step[Integer.SIZE][];
    private static final Step[][] INVERSE_PLANS = new Step[Integer.SIZE][];

    private Avx2Ntt() {}

    static void forward(Ntt ntt, long[] a) {
        if (a.length < MIN_N) {
            ntt.forward(a);
            return;
        }
        int log = Integer.numberOfTrailingZeros(a.length);
        Step[] plan = FORWARD_PLANS[log];
        if (plan == null) FORWARD_PLANS[log] = plan = forwardPlan(a.length); // a race makes equal plans: harmless
        run(plan, ntt, a);
    }

    static void inverse(Ntt ntt, long[] a) {
        if (a.length < MIN_N) {
            ntt.inverse(a);
            return;
        }
        int log = Integer.numberOfTrailingZeros(a.length);
        Step[] plan = INVERSE_PLANS[log];
        if (plan == null) INVERSE_PLANS[log] = plan = inversePlan(a.length);
        run(plan, ntt, a);
    }

    /**
     * Every pass of every transform is called from this one call site, which therefore sees seven pass classes: C2
     * compiles a call that has more than two receiver classes (none above 90% of the calls) as a plain virtual call
     * and never inlines it. That is the point. When the passes were static methods, C2 inlined them into
     * forward/inverse whenever they had not been compiled on their own yet (a race between compiler threads), ran
     * into its node cutoff (NodeCountInliningCutoff) inside the last passes, and left Vector API calls out of line,
     * where they box their vectors: a transform 2-10x slower in some runs only (issue 17, -XX:+PrintInlining).
     * Each pass is now compiled on its own, with the whole node budget, in every run.
     */
    private static void run(Step[] plan, Ntt ntt, long[] a) {
        for (Step step : plan) step.pass().run(ntt, a, step.groups(), step.t());
    }

    /** One pass with its arguments: {@code groups} butterfly groups whose butterflies are {@code t} apart. */
    private record Step(Pass pass, int groups, int t) {}

    private interface Pass {
        void run(Ntt ntt, long[] a, int groups, int t);
    }

    private static Step[] forwardPlan(int n) {
        java.util.List<Step> plan = new java.util.ArrayList<>();
        int groups = 1;
        for (int t = n >>> 1; t >= Lanes256.LENGTH; t >>>= 1, groups <<= 1) plan.add(new Step(FORWARD_STAGE, groups, t));
        // groups is now n / 4: the stages at distance 2 and 1 have n / 4 and n / 2 groups
        plan.add(new Step(FORWARD_BY_2, groups, 2));
        plan.add(new Step(FORWARD_BY_1, 2 * groups, 1));
        plan.add(new Step(REDUCE_FROM_FOUR_Q, 0, 0));
        return plan.toArray(Step[]::new);
    }

    private static Step[] inversePlan(int n) {
        java.util.List<Step> plan = new java.util.ArrayList<>();
        int half = n >>> 1;
        plan.add(new Step(INVERSE_BY_1, half, 1));
        plan.add(new Step(INVERSE_BY_2, half / 2, 2));
        for (int t = Lanes256.LENGTH, groups = n / 8; t < half; t <<= 1, groups >>>= 1) plan.add(new Step(INVERSE_STAGE, groups, t));
        plan.add(new Step(INVERSE_LAST_STAGE, 1, half));
        plan.add(new Step(SCALE, 0, half));
        return plan.toArray(Step[]::new);
    }

    private static final Pass FORWARD_STAGE = (ntt, a, groups, t) ->
            forwardStage(a, ntt.psiRev(), ntt.psiRevShoup(), groups, t, ntt.modulus().q);
    private static final Pass FORWARD_BY_2 = new ForwardBlocks(BY_2, TWIDDLES_2, 2);
    private static final Pass FORWARD_BY_1 = new ForwardBlocks(BY_1, TWIDDLES_1, 4);
    private static final Pass REDUCE_FROM_FOUR_Q = (ntt, a, groups, t) -> reduceFromFourQ(a, ntt.modulus().q);
    private static final Pass INVERSE_BY_1 = new InverseBlocks(BY_1, TWIDDLES_1, 4);
    private static final Pass INVERSE_BY_2 = new InverseBlocks(BY_2, TWIDDLES_2, 2);
    private static final Pass INVERSE_STAGE = (ntt, a, groups, t) ->
            inverseStage(a, ntt.psiInvRev(), ntt.psiInvRevShoup(), groups, t, ntt.modulus().q);
    private static final Pass INVERSE_LAST_STAGE = (ntt, a, groups, t) -> inverseLastStage(ntt, a, ntt.modulus().q);
    private static final Pass SCALE = (ntt, a, groups, half) -> scale(a, half, ntt.nInv(), ntt.nInvShoup(), ntt.modulus().q);

    private record ForwardBlocks(Regroup pairs, int[] spread, int groupsPerBlock) implements Pass {
        @Override
        public void run(Ntt ntt, long[] a, int groups, int t) {
            forwardBlocks(a, ntt.psiRev(), ntt.psiRevShoup(), groups, groupsPerBlock, pairs, spread, ntt.modulus().q);
        }
    }

    private record InverseBlocks(Regroup pairs, int[] spread, int groupsPerBlock) implements Pass {
        @Override
        public void run(Ntt ntt, long[] a, int groups, int t) {
            inverseBlocks(a, ntt.psiInvRev(), ntt.psiInvRevShoup(), groups, groupsPerBlock, pairs, spread, ntt.modulus().q);
        }
    }

    /** [0, 4q) into [0, q). */
    private static void reduceFromFourQ(long[] a, long q) {
        long twoQ = q << 1;
        for (int j = 0; j < a.length; j += Lanes256.LENGTH) {
            Lanes256.reduceOnce(Lanes256.reduceOnce(LongVector.fromArray(Lanes256.SPECIES, a, j), twoQ), q).intoArray(a, j);
        }
    }

    /**
     * One stage whose butterflies are {@code t >= 4} apart. Every kernel here is a method of its own with one
     * product in its loop: C2 stops inlining at a node budget, and a Vector API call it does not inline boxes its
     * vectors, which costs more than the vectors save.
     */
    private static void forwardStage(long[] a, long[] w, long[] ws, int groups, int t, long q) {
        long twoQ = q << 1;
        for (int i = 0; i < groups; i++) {
            long wi = w[groups + i];
            long wsLow = Lanes256.low(ws[groups + i]);
            long wsHigh = Lanes256.high(ws[groups + i]);
            int start = 2 * i * t;
            for (int j = start; j < start + t; j += Lanes256.LENGTH) {
                LongVector u = Lanes256.reduceOnce(LongVector.fromArray(Lanes256.SPECIES, a, j), twoQ);
                LongVector v = Lanes256.mulShoupLazy(LongVector.fromArray(Lanes256.SPECIES, a, j + t), wi, wsLow, wsHigh, q);
                u.add(v).intoArray(a, j);
                u.sub(v).add(twoQ).intoArray(a, j + t);
            }
        }
    }

    /**
     * One stage at distance 2 or 1 over blocks of eight: regroup into pair registers, butterflies, regroup
     * back; {@code groupsPerBlock} twiddles per block, spread over the lanes by {@code spread}.
     */
    private static void forwardBlocks(long[] a, long[] w, long[] ws, int groups, int groupsPerBlock, Regroup pairs,
            int[] spreadLanes, long q) {
        long twoQ = q << 1;
        VectorShuffle<Long> first = shuffle(pairs.toFirst());
        VectorShuffle<Long> second = shuffle(pairs.toSecond());
        VectorShuffle<Long> low = shuffle(pairs.toLow());
        VectorShuffle<Long> high = shuffle(pairs.toHigh());
        VectorShuffle<Long> spread = shuffle(spreadLanes);
        for (int block = 0, j = 0; j < a.length; block++, j += MIN_N) {
            LongVector lo = LongVector.fromArray(Lanes256.SPECIES, a, j);
            LongVector hi = LongVector.fromArray(Lanes256.SPECIES, a, j + Lanes256.LENGTH);
            LongVector u = Lanes256.reduceOnce(lo.rearrange(first, hi), twoQ);
            LongVector v = Lanes256.mulShoupLazy(lo.rearrange(second, hi), twiddles(w, groups + groupsPerBlock * block, spread),
                    twiddles(ws, groups + groupsPerBlock * block, spread), q);
            LongVector x = u.add(v);
            LongVector y = u.sub(v).add(twoQ);
            x.rearrange(low, y).intoArray(a, j);
            x.rearrange(high, y).intoArray(a, j + Lanes256.LENGTH);
        }
    }

    private static void inverseStage(long[] a, long[] w, long[] ws, int groups, int t, long q) {
        long twoQ = q << 1;
        for (int i = 0; i < groups; i++) {
            long wi = w[groups + i];
            long wsLow = Lanes256.low(ws[groups + i]);
            long wsHigh = Lanes256.high(ws[groups + i]);
            int start = 2 * i * t;
            for (int j = start; j < start + t; j += Lanes256.LENGTH) {
                LongVector u = LongVector.fromArray(Lanes256.SPECIES, a, j);
                LongVector v = LongVector.fromArray(Lanes256.SPECIES, a, j + t);
                Lanes256.reduceOnce(u.add(v), twoQ).intoArray(a, j);
                Lanes256.mulShoupLazy(u.sub(v).add(twoQ), wi, wsLow, wsHigh, q).intoArray(a, j + t);
            }
        }
    }

    /**
     * The last stage, scaled by 1/N on the way out: the differences times psi^-1/N here, the sums (left below 4q: a
     * Shoup product takes any 64-bit input) times 1/N in a second pass ({@link #scale}), so that each loop holds one
     * product.
     */
    private static void inverseLastStage(Ntt ntt, long[] a, long q) {
        long twoQ = q << 1;
        int half = a.length >>> 1;
        long last = ntt.lastInvScaled();
        long lastLow = Lanes256.low(ntt.lastInvScaledShoup());
        long lastHigh = Lanes256.high(ntt.lastInvScaledShoup());
        for (int j = 0; j < half; j += Lanes256.LENGTH) {
            LongVector u = LongVector.fromArray(Lanes256.SPECIES, a, j);
            LongVector v = LongVector.fromArray(Lanes256.SPECIES, a, j + half);
            u.add(v).intoArray(a, j);
            Lanes256.reduceOnce(Lanes256.mulShoupLazy(u.sub(v).add(twoQ), last, lastLow, lastHigh, q), q)
                    .intoArray(a, j + half);
        }
    }

    /** a[0..count) times the constant c, fully reduced. */
    private static void scale(long[] a, int count, long c, long cShoup, long q) {
        long low = Lanes256.low(cShoup);
        long high = Lanes256.high(cShoup);
        for (int j = 0; j < count; j += Lanes256.LENGTH) {
            LongVector x = LongVector.fromArray(Lanes256.SPECIES, a, j);
            Lanes256.reduceOnce(Lanes256.mulShoupLazy(x, c, low, high, q), q).intoArray(a, j);
        }
    }

    private static void inverseBlocks(long[] a, long[] w, long[] ws, int groups, int groupsPerBlock, Regroup pairs,
            int[] spreadLanes, long q) {
        long twoQ = q << 1;
        VectorShuffle<Long> first = shuffle(pairs.toFirst());
        VectorShuffle<Long> second = shuffle(pairs.toSecond());
        VectorShuffle<Long> low = shuffle(pairs.toLow());
        VectorShuffle<Long> high = shuffle(pairs.toHigh());
        VectorShuffle<Long> spread = shuffle(spreadLanes);
        for (int block = 0, j = 0; j < a.length; block++, j += MIN_N) {
            LongVector lo = LongVector.fromArray(Lanes256.SPECIES, a, j);
            LongVector hi = LongVector.fromArray(Lanes256.SPECIES, a, j + Lanes256.LENGTH);
            LongVector u = lo.rearrange(first, hi);
            LongVector v = lo.rearrange(second, hi);
            LongVector x = Lanes256.reduceOnce(u.add(v), twoQ);
            LongVector y = Lanes256.mulShoupLazy(u.sub(v).add(twoQ), twiddles(w, groups + groupsPerBlock * block, spread),
                    twiddles(ws, groups + groupsPerBlock * block, spread), q);
            x.rearrange(low, y).intoArray(a, j);
            x.rearrange(high, y).intoArray(a, j + Lanes256.LENGTH);
        }
    }

    private static LongVector twiddles(long[] table, int from, VectorShuffle<Long> spread) {
        return LongVector.fromArray(Lanes256.SPECIES, table, from).rearrange(spread);
    }

    /**
     * Moves a block of eight between natural order (offsets 0..3, 4..7) and pair order (the offsets {@code pairs}
     * and {@code pairs + t}). Each output lane names its source lane in the first register (0..3) or the second
     * (-4..-1, the Vector API's exceptional indexes). The kernels make their shuffles from these indexes on entry:
     * a shuffle read from a field has no exact type for C2, and its rearrangements then run as slow calls.
     */
    private record Regroup(int[] toFirst, int[] toSecond, int[] toLow, int[] toHigh) {
        static Regroup of(int[] pairs, int t) {
            return new Regroup(sources(NATURAL, Lanes256.LENGTH, pairs, 0), sources(NATURAL, Lanes256.LENGTH, pairs, t),
                    sources(pairs, t, NATURAL, 0), sources(pairs, t, NATURAL, Lanes256.LENGTH));
        }

        /** Registers (from, from + t) to the register holding {@code to + shift}. */
        private static int[] sources(int[] from, int t, int[] to, int shift) {
            int[] source = new int[Lanes256.LENGTH];
            for (int lane = 0; lane < Lanes256.LENGTH; lane++) {
                int offset = to[lane] + shift;
                source[lane] = indexIn(from, offset);
                if (source[lane] < 0) source[lane] = indexIn(from, offset - t) - Lanes256.LENGTH;
            }
            return source;
        }

        private static int indexIn(int[] lanes, int offset) {
            for (int i = 0; i < lanes.length; i++) {
                if (lanes[i] == offset) return i;
            }
            return -1;
        }
    }

    private static VectorShuffle<Long> shuffle(int[] sources) {
        return VectorShuffle.fromArray(Lanes256.SPECIES, sources, 0);
    }
}
