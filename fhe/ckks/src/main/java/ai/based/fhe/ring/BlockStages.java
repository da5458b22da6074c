package ai.based.fhe.ring;

/**
 * The three last stages of a forward transform (and first of an inverse), whose butterflies are 4, 2 and 1 apart: each
 * loads a block of sixteen coefficients into two registers, regroups them so that the butterflies pair whole registers,
 * and regroups them back. The regrouping is a two-register permutation, one {@code vpermt2q} on AVX-512. JDK 24 and
 * later name it ({@code selectFrom(v1, v2)}); JDK 21's nearest operation, {@code rearrange(shuffle, v)}, compiles to
 * two single-register permutations, a comparison and a blend, and makes these stages 2.7x slower
 * ({@code SelectBlockStages}, built only by a JDK 25 compiler, against {@link ShuffleBlockStages}). {@link #FASTEST} is
 * the one this JVM can run.
 */
abstract class BlockStages {
    static final BlockStages FASTEST = fastest();

    /** The forward pass over blocks of sixteen at distance 4, 2 or 1 (its {@code groups}: the stage's butterfly groups). */
    abstract VectorNtt.Pass forward(Block block);

    abstract VectorNtt.Pass inverse(Block block);

    /** A name for the choice, for benchmarks and logs. */
    abstract String name();

    static BlockStages fastest() {
        if (Runtime.version().feature() >= 25) {
            try {
                return (BlockStages) Class.forName(BlockStages.class.getPackageName() + ".SelectBlockStages")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // built by an older compiler (the class is compiled only by JDK 25 and later): the JDK 21 regrouping
            }
        }
        return new ShuffleBlockStages();
    }

    /**
     * One stage's regrouping: the lane contents (coefficient offsets in a block of sixteen) of the pair registers, and
     * how the block's {@code groupsPerBlock} twiddles spread over the lanes of the first register (group = offset / 2t).
     * Each index below names a source lane in the first register (0..7) or the second (8..15).
     */
    record Block(int[] toFirst, int[] toSecond, int[] toLow, int[] toHigh, int[] spread, int groupsPerBlock) {
        private static final int[] NATURAL = {0, 1, 2, 3, 4, 5, 6, 7};
        static final Block BY_4 = of(new int[] {0, 1, 2, 3, 8, 9, 10, 11}, 4, new int[] {0, 0, 0, 0, 1, 1, 1, 1});
        static final Block BY_2 = of(new int[] {0, 1, 4, 5, 8, 9, 12, 13}, 2, new int[] {0, 0, 1, 1, 2, 2, 3, 3});
        static final Block BY_1 = of(new int[] {0, 2, 4, 6, 8, 10, 12, 14}, 1, new int[] {0, 1, 2, 3, 4, 5, 6, 7});

        /** The stage pairing offsets {@code pairs} with {@code pairs + t}. */
        private static Block of(int[] pairs, int t, int[] spread) {
            return new Block(sources(NATURAL, 8, pairs, 0), sources(NATURAL, 8, pairs, t), sources(pairs, t, NATURAL, 0),
                    sources(pairs, t, NATURAL, 8), spread, Lanes.LENGTH / t);
        }

        /** Registers (from, from + t) to the register holding {@code to + shift}. */
        private static int[] sources(int[] from, int t, int[] to, int shift) {
            int[] source = new int[Lanes.LENGTH];
            for (int lane = 0; lane < Lanes.LENGTH; lane++) {
                int offset = to[lane] + shift;
                source[lane] = indexIn(from, offset);
                if (source[lane] < 0) source[lane] = indexIn(from, offset - t) + Lanes.LENGTH;
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
}
