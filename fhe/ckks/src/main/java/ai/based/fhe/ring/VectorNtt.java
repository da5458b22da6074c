package ai.based.fhe.ring;

import jdk.incubator.vector.LongVector;

/**
 * The transforms of {@link Ntt} on eight lanes, with the same tables and bounds and the same (fully reduced) results
 * bit for bit. Stages whose butterflies are at least eight apart take eight butterflies per step with one twiddle (the
 * stage at distance 8 without an inner loop: one step per twiddle); the three stages at distance 4, 2 and 1 run over
 * blocks of sixteen ({@link BlockStages}). Products by twiddles take the truncated Shoup quotient
 * ({@link Lanes#mulShoupTruncated}), so values inside a transform may differ from the scalar one's by q. Rows shorter
 * than sixteen take the scalar path.
 */
final class VectorNtt {
    static final int MIN_N = 2 * Lanes.LENGTH;

    /** The passes of each transform by log2 N, made on first use (Step and its passes are immutable). */
    private static final Step[][] FORWARD_PLANS = new Step[Integer.SIZE][];
    private static final Step[][] INVERSE_PLANS = new Step[Integer.SIZE][];

    private VectorNtt() {}

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
     * Every pass of every transform is called from this one call site, which therefore sees nine pass classes: C2
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

    interface Pass {
        void run(Ntt ntt, long[] a, int groups, int t);
    }

    private static Step[] forwardPlan(int n) {
        java.util.List<Step> plan = new java.util.ArrayList<>();
        int groups = 1;
        for (int t = n >>> 1; t > Lanes.LENGTH; t >>>= 1, groups <<= 1) plan.add(new Step(FORWARD_STAGE, groups, t));
        plan.add(new Step(FORWARD_BY_8, groups, Lanes.LENGTH));
        groups <<= 1;
        // groups is now n / 8: the stages at distance 4, 2 and 1 have n / 8, n / 4 and n / 2 groups
        plan.add(new Step(FORWARD_BY_4, groups, 4));
        plan.add(new Step(FORWARD_BY_2, 2 * groups, 2));
        plan.add(new Step(FORWARD_BY_1, 4 * groups, 1));
        plan.add(new Step(REDUCE_FROM_FOUR_Q, 0, 0));
        return plan.toArray(Step[]::new);
    }

    private static Step[] inversePlan(int n) {
        java.util.List<Step> plan = new java.util.ArrayList<>();
        int half = n >>> 1;
        plan.add(new Step(INVERSE_BY_1, half, 1));
        plan.add(new Step(INVERSE_BY_2, half / 2, 2));
        plan.add(new Step(INVERSE_BY_4, half / 4, 4));
        if (Lanes.LENGTH < half) plan.add(new Step(INVERSE_BY_8, n / 16, Lanes.LENGTH));
        for (int t = 2 * Lanes.LENGTH, groups = n / 32; t < half; t <<= 1, groups >>>= 1) plan.add(new Step(INVERSE_STAGE, groups, t));
        plan.add(new Step(INVERSE_LAST_STAGE, 1, half));
        plan.add(new Step(SCALE, 0, half));
        return plan.toArray(Step[]::new);
    }

    private static final Pass FORWARD_STAGE = (ntt, a, groups, t) ->
            forwardStage(a, ntt.psiRev(), ntt.psiRevShoup(), groups, t, ntt.modulus().q);
    private static final Pass FORWARD_BY_8 = (ntt, a, groups, t) ->
            forwardBy8(a, ntt.psiRev(), ntt.psiRevShoup(), groups, ntt.modulus().q);
    private static final Pass FORWARD_BY_4 = BlockStages.FASTEST.forward(BlockStages.Block.BY_4);
    private static final Pass FORWARD_BY_2 = BlockStages.FASTEST.forward(BlockStages.Block.BY_2);
    private static final Pass FORWARD_BY_1 = BlockStages.FASTEST.forward(BlockStages.Block.BY_1);
    private static final Pass REDUCE_FROM_FOUR_Q = (ntt, a, groups, t) -> reduceFromFourQ(a, ntt.modulus().q);
    private static final Pass INVERSE_BY_1 = BlockStages.FASTEST.inverse(BlockStages.Block.BY_1);
    private static final Pass INVERSE_BY_2 = BlockStages.FASTEST.inverse(BlockStages.Block.BY_2);
    private static final Pass INVERSE_BY_4 = BlockStages.FASTEST.inverse(BlockStages.Block.BY_4);
    private static final Pass INVERSE_BY_8 = (ntt, a, groups, t) ->
            inverseBy8(a, ntt.psiInvRev(), ntt.psiInvRevShoup(), groups, ntt.modulus().q);
    private static final Pass INVERSE_STAGE = (ntt, a, groups, t) ->
            inverseStage(a, ntt.psiInvRev(), ntt.psiInvRevShoup(), groups, t, ntt.modulus().q);
    private static final Pass INVERSE_LAST_STAGE = (ntt, a, groups, t) -> inverseLastStage(ntt, a, ntt.modulus().q);
    private static final Pass SCALE = (ntt, a, groups, half) -> scale(a, half, ntt.nInv(), ntt.nInvShoup(), ntt.modulus().q);

    /** [0, 4q) into [0, q). */
    private static void reduceFromFourQ(long[] a, long q) {
        long twoQ = q << 1;
        for (int j = 0; j < a.length; j += Lanes.LENGTH) {
            Lanes.reduceOnce(Lanes.reduceOnce(LongVector.fromArray(Lanes.SPECIES, a, j), twoQ), q).intoArray(a, j);
        }
    }

    /**
     * One stage whose butterflies are {@code t >= 8} apart. Every kernel here is a method of its own with one
     * product in its loop: C2 stops inlining at a node budget, and a Vector API call it does not inline boxes its
     * vectors, which costs more than the vectors save.
     */
    private static void forwardStage(long[] a, long[] w, long[] ws, int groups, int t, long q) {
        long twoQ = q << 1;
        for (int i = 0; i < groups; i++) {
            long wi = w[groups + i];
            long wsi = ws[groups + i];
            int start = 2 * i * t;
            for (int j = start; j < start + t; j += Lanes.LENGTH) {
                LongVector u = Lanes.reduceOnce(LongVector.fromArray(Lanes.SPECIES, a, j), twoQ);
                LongVector v = Lanes.mulShoupTruncated(LongVector.fromArray(Lanes.SPECIES, a, j + t), wi, wsi, q, twoQ);
                u.add(v).intoArray(a, j);
                u.sub(v).add(twoQ).intoArray(a, j + t);
            }
        }
    }

    /** The stage at distance 8: one step of eight butterflies per twiddle, so no inner loop to enter per group. */
    private static void forwardBy8(long[] a, long[] w, long[] ws, int groups, long q) {
        long twoQ = q << 1;
        for (int i = 0, j = 0; i < groups; i++, j += 2 * Lanes.LENGTH) {
            long wsi = ws[groups + i];
            LongVector u = Lanes.reduceOnce(LongVector.fromArray(Lanes.SPECIES, a, j), twoQ);
            LongVector v = Lanes.mulShoupTruncated(LongVector.fromArray(Lanes.SPECIES, a, j + Lanes.LENGTH), w[groups + i], wsi,
                    q, twoQ);
            u.add(v).intoArray(a, j);
            u.sub(v).add(twoQ).intoArray(a, j + Lanes.LENGTH);
        }
    }

    private static void inverseBy8(long[] a, long[] w, long[] ws, int groups, long q) {
        long twoQ = q << 1;
        for (int i = 0, j = 0; i < groups; i++, j += 2 * Lanes.LENGTH) {
            long wsi = ws[groups + i];
            LongVector u = LongVector.fromArray(Lanes.SPECIES, a, j);
            LongVector v = LongVector.fromArray(Lanes.SPECIES, a, j + Lanes.LENGTH);
            Lanes.reduceOnce(u.add(v), twoQ).intoArray(a, j);
            Lanes.mulShoupTruncated(u.sub(v).add(twoQ), w[groups + i], wsi, q, twoQ)
                    .intoArray(a, j + Lanes.LENGTH);
        }
    }

    private static void inverseStage(long[] a, long[] w, long[] ws, int groups, int t, long q) {
        long twoQ = q << 1;
        for (int i = 0; i < groups; i++) {
            long wi = w[groups + i];
            long wsi = ws[groups + i];
            int start = 2 * i * t;
            for (int j = start; j < start + t; j += Lanes.LENGTH) {
                LongVector u = LongVector.fromArray(Lanes.SPECIES, a, j);
                LongVector v = LongVector.fromArray(Lanes.SPECIES, a, j + t);
                Lanes.reduceOnce(u.add(v), twoQ).intoArray(a, j);
                Lanes.mulShoupTruncated(u.sub(v).add(twoQ), wi, wsi, q, twoQ).intoArray(a, j + t);
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
        long lastShoup = ntt.lastInvScaledShoup();
        for (int j = 0; j < half; j += Lanes.LENGTH) {
            LongVector u = LongVector.fromArray(Lanes.SPECIES, a, j);
            LongVector v = LongVector.fromArray(Lanes.SPECIES, a, j + half);
            u.add(v).intoArray(a, j);
            Lanes.reduceOnce(Lanes.mulShoupTruncated(u.sub(v).add(twoQ), last, lastShoup, q, twoQ), q)
                    .intoArray(a, j + half);
        }
    }

    /** a[0..count) times the constant c, fully reduced. */
    private static void scale(long[] a, int count, long c, long cShoup, long q) {
        for (int j = 0; j < count; j += Lanes.LENGTH) {
            LongVector x = LongVector.fromArray(Lanes.SPECIES, a, j);
            Lanes.reduceOnce(Lanes.mulShoupTruncated(x, c, cShoup, q, q << 1), q).intoArray(a, j);
        }
    }


}
