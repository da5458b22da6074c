package ai.based.runtime.economics;

/**
 * Keccak-256 (the Ethereum variant, not SHA3-256) for short inputs, without allocation per call. Merkle trees of
 * millions of leaves spend their time here; the general-purpose digest costs several times more per hash.
 */
final class Keccak {
    private static final int RATE_BYTES = 136;
    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
    };
    private static final int[] ROTATIONS = {
        0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14
    };

    private final long[] state = new long[25];
    private final long[] scratch = new long[25];
    private final long[] columns = new long[5];

    /** Hashes {@code length} bytes of {@code input} from {@code offset} (at most 135) into {@code out} at {@code outOffset}. */
    void hash(byte[] input, int offset, int length, byte[] out, int outOffset) {
        if (length >= RATE_BYTES) throw new IllegalArgumentException("input longer than one Keccak block: " + length);
        java.util.Arrays.fill(state, 0L);
        for (int i = 0; i < length; i++) {
            state[i >>> 3] ^= (input[offset + i] & 0xFFL) << ((i & 7) << 3);
        }
        state[length >>> 3] ^= 0x01L << ((length & 7) << 3);
        state[(RATE_BYTES - 1) >>> 3] ^= 0x80L << (((RATE_BYTES - 1) & 7) << 3);
        permute();
        for (int i = 0; i < 32; i++) {
            out[outOffset + i] = (byte) (state[i >>> 3] >>> ((i & 7) << 3));
        }
    }

    private void permute() {
        long[] a = state;
        long[] b = scratch;
        long[] c = columns;
        for (long roundConstant : ROUND_CONSTANTS) {
            for (int x = 0; x < 5; x++) {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }
            for (int x = 0; x < 5; x++) {
                long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5) {
                    a[y + x] ^= d;
                }
            }
            for (int x = 0; x < 5; x++) {
                for (int y = 0; y < 5; y++) {
                    int from = x + 5 * y;
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[from], ROTATIONS[from]);
                }
            }
            for (int y = 0; y < 25; y += 5) {
                for (int x = 0; x < 5; x++) {
                    a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
                }
            }
            a[0] ^= roundConstant;
        }
    }
}
