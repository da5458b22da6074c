package ai.based.fhe.rlwe;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;

/** Small signed coefficients (secrets, errors) into an NTT row of one prime. */
final class SmallPoly {
    private SmallPoly() {}

    static long[] toNtt(int[] coefficients, RingContext ring, int prime) {
        Modulus m = ring.modulus(prime);
        long[] row = new long[coefficients.length];
        for (int i = 0; i < row.length; i++) {
            int c = coefficients[i];
            row[i] = c >= 0 ? c : m.q + c;
        }
        ring.forward(prime, row);
        return row;
    }

    static void addToNtt(int[] coefficients, RingContext ring, int prime, long[] row) {
        long[] small = toNtt(coefficients, ring, prime);
        Modulus m = ring.modulus(prime);
        for (int i = 0; i < row.length; i++) row[i] = m.add(row[i], small[i]);
    }
}
