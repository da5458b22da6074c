package ai.based.gpu;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.Ntt;
import ai.based.fhe.ring.Primes;

/**
 * The twiddle tables of one {@link Ntt}, rebuilt on the host for upload (the CPU tables are private to the ring
 * package): bit-reversed powers of the primitive 2N-th root psi that {@link Primes#primitiveRoot} picks, and of its
 * inverse, with Shoup companions, exactly as {@code Ntt}'s constructor makes them.
 */
record NttTwiddles(long q, int logN, long[] psiRev, long[] psiRevShoup, long[] psiInvRev, long[] psiInvRevShoup,
                   long nInv, long nInvShoup) {

    static NttTwiddles of(Ntt ntt) {
        Modulus m = ntt.modulus();
        int n = ntt.n();
        int logN = Integer.numberOfTrailingZeros(n);
        long psi = Primes.primitiveRoot(m.q, logN);
        long psiInv = m.inverse(psi);
        long[] psiRev = new long[n];
        long[] psiInvRev = new long[n];
        long power = 1;
        long powerInv = 1;
        for (int i = 0; i < n; i++) {
            int r = Ntt.bitReverse(i, logN);
            psiRev[r] = power;
            psiInvRev[r] = powerInv;
            power = m.mul(power, psi);
            powerInv = m.mul(powerInv, psiInv);
        }
        long[] psiRevShoup = new long[n];
        long[] psiInvRevShoup = new long[n];
        for (int i = 0; i < n; i++) {
            psiRevShoup[i] = m.shoup(psiRev[i]);
            psiInvRevShoup[i] = m.shoup(psiInvRev[i]);
        }
        long nInv = m.inverse(n);
        return new NttTwiddles(m.q, logN, psiRev, psiRevShoup, psiInvRev, psiInvRevShoup, nInv, m.shoup(nInv));
    }
}
