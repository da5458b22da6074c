package ai.based.fhe.ring;

/**
 * Automorphisms X -> X^g of Z_q[X]/(X^N+1) on NTT-domain rows: with output slot i evaluated at psi^(2 br(i) + 1),
 * applying X -> X^g is the permutation out[i] = in[br(((2 br(i) + 1) g mod 2N - 1) / 2)].
 */
public final class Galois {
    private Galois() {}

    /** The Galois element of a left rotation by {@code steps} slots: 5^steps mod 2N. */
    public static long rotationElement(int steps, int logN) {
        int slots = 1 << (logN - 1);
        long twoN = 2L << logN;
        int k = Math.floorMod(steps, slots);
        long g = 1;
        for (int i = 0; i < k; i++) g = g * 5 % twoN;
        return g;
    }

    public static long conjugationElement(int logN) {
        return (2L << logN) - 1;
    }

    public static int[] nttPermutation(long galoisElement, int logN) {
        int n = 1 << logN;
        long mask = (2L << logN) - 1;
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            long odd = 2L * Ntt.bitReverse(i, logN) + 1;
            long mapped = (odd * galoisElement) & mask;
            permutation[i] = Ntt.bitReverse((int) ((mapped - 1) >>> 1), logN);
        }
        return permutation;
    }

    public static void apply(long[] in, int[] permutation, long[] out) {
        for (int i = 0; i < permutation.length; i++) {
            out[i] = in[permutation[i]];
        }
    }
}
