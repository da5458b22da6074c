package ai.based.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    /** Keccak lanes are little-endian 64-bit words. */
    private static final VarHandle LANE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] state = new long[25];

    /** Hashes {@code length} bytes of {@code input} from {@code offset} (at most 135) into {@code out} at {@code outOffset}. */
    void hash(byte[] input, int offset, int length, byte[] out, int outOffset) {
        if (length >= RATE_BYTES) throw new IllegalArgumentException("input longer than one Keccak block: " + length);
        long[] a = state;
        java.util.Arrays.fill(a, 0L);
        int words = length >>> 3;
        for (int w = 0; w < words; w++) {
            a[w] = (long) LANE.get(input, offset + (w << 3));
        }
        for (int i = words << 3; i < length; i++) {
            a[i >>> 3] ^= (input[offset + i] & 0xFFL) << ((i & 7) << 3);
        }
        a[length >>> 3] ^= 0x01L << ((length & 7) << 3);
        a[(RATE_BYTES - 1) >>> 3] ^= 0x80L << (((RATE_BYTES - 1) & 7) << 3);
        permute();
        for (int w = 0; w < 4; w++) {
            LANE.set(out, outOffset + (w << 3), a[w]);
        }
    }

    /** Keccak-f[1600] with the lanes in locals (the layout of BouncyCastle's KeccakDigest): no array traffic per round. */
    private void permute() {
        long[] a = state;
        long a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3], a04 = a[4];
        long a05 = a[5], a06 = a[6], a07 = a[7], a08 = a[8], a09 = a[9];
        long a10 = a[10], a11 = a[11], a12 = a[12], a13 = a[13], a14 = a[14];
        long a15 = a[15], a16 = a[16], a17 = a[17], a18 = a[18], a19 = a[19];
        long a20 = a[20], a21 = a[21], a22 = a[22], a23 = a[23], a24 = a[24];
        long c0;
        long c1;
        for (long roundConstant : ROUND_CONSTANTS) {
            c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
            long d1 = Long.rotateLeft(c1, 1) ^ c4;
            long d2 = Long.rotateLeft(c2, 1) ^ c0;
            long d3 = Long.rotateLeft(c3, 1) ^ c1;
            long d4 = Long.rotateLeft(c4, 1) ^ c2;
            long d0 = Long.rotateLeft(c0, 1) ^ c3;
            a00 ^= d1; a05 ^= d1; a10 ^= d1; a15 ^= d1; a20 ^= d1;
            a01 ^= d2; a06 ^= d2; a11 ^= d2; a16 ^= d2; a21 ^= d2;
            a02 ^= d3; a07 ^= d3; a12 ^= d3; a17 ^= d3; a22 ^= d3;
            a03 ^= d4; a08 ^= d4; a13 ^= d4; a18 ^= d4; a23 ^= d4;
            a04 ^= d0; a09 ^= d0; a14 ^= d0; a19 ^= d0; a24 ^= d0;

            c1 = Long.rotateLeft(a01, 1);
            a01 = Long.rotateLeft(a06, 44);
            a06 = Long.rotateLeft(a09, 20);
            a09 = Long.rotateLeft(a22, 61);
            a22 = Long.rotateLeft(a14, 39);
            a14 = Long.rotateLeft(a20, 18);
            a20 = Long.rotateLeft(a02, 62);
            a02 = Long.rotateLeft(a12, 43);
            a12 = Long.rotateLeft(a13, 25);
            a13 = Long.rotateLeft(a19, 8);
            a19 = Long.rotateLeft(a23, 56);
            a23 = Long.rotateLeft(a15, 41);
            a15 = Long.rotateLeft(a04, 27);
            a04 = Long.rotateLeft(a24, 14);
            a24 = Long.rotateLeft(a21, 2);
            a21 = Long.rotateLeft(a08, 55);
            a08 = Long.rotateLeft(a16, 45);
            a16 = Long.rotateLeft(a05, 36);
            a05 = Long.rotateLeft(a03, 28);
            a03 = Long.rotateLeft(a18, 21);
            a18 = Long.rotateLeft(a17, 15);
            a17 = Long.rotateLeft(a11, 10);
            a11 = Long.rotateLeft(a07, 6);
            a07 = Long.rotateLeft(a10, 3);
            a10 = c1;

            c0 = a00 ^ (~a01 & a02);
            c1 = a01 ^ (~a02 & a03);
            a02 ^= ~a03 & a04;
            a03 ^= ~a04 & a00;
            a04 ^= ~a00 & a01;
            a00 = c0;
            a01 = c1;
            c0 = a05 ^ (~a06 & a07);
            c1 = a06 ^ (~a07 & a08);
            a07 ^= ~a08 & a09;
            a08 ^= ~a09 & a05;
            a09 ^= ~a05 & a06;
            a05 = c0;
            a06 = c1;
            c0 = a10 ^ (~a11 & a12);
            c1 = a11 ^ (~a12 & a13);
            a12 ^= ~a13 & a14;
            a13 ^= ~a14 & a10;
            a14 ^= ~a10 & a11;
            a10 = c0;
            a11 = c1;
            c0 = a15 ^ (~a16 & a17);
            c1 = a16 ^ (~a17 & a18);
            a17 ^= ~a18 & a19;
            a18 ^= ~a19 & a15;
            a19 ^= ~a15 & a16;
            a15 = c0;
            a16 = c1;
            c0 = a20 ^ (~a21 & a22);
            c1 = a21 ^ (~a22 & a23);
            a22 ^= ~a23 & a24;
            a23 ^= ~a24 & a20;
            a24 ^= ~a20 & a21;
            a20 = c0;
            a21 = c1;

            a00 ^= roundConstant;
        }
        a[0] = a00; a[1] = a01; a[2] = a02; a[3] = a03; a[4] = a04;
        a[5] = a05; a[6] = a06; a[7] = a07; a[8] = a08; a[9] = a09;
        a[10] = a10; a[11] = a11; a[12] = a12; a[13] = a13; a[14] = a14;
        a[15] = a15; a[16] = a16; a[17] = a17; a[18] = a18; a[19] = a19;
        a[20] = a20; a[21] = a21; a[22] = a22; a[23] = a23; a[24] = a24;
    }
}
