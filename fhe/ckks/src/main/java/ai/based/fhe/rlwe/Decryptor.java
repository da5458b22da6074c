package ai.based.fhe.rlwe;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.RingContext;

/** m = c_0 + c_1 s + c_2 s^2, in the NTT domain, at the ciphertext's level. */
public final class Decryptor {
    private final RingContext ring;
    private final SecretKey sk;

    public Decryptor(RingContext ring, SecretKey sk) {
        this.ring = ring;
        this.sk = sk;
    }

    public Plaintext decrypt(Ciphertext ct) {
        int n = ring.n();
        long[][] rows = new long[ct.level() + 1][n];
        for (int i = 0; i <= ct.level(); i++) {
            Modulus m = ring.modulus(i);
            long[] s = sk.rows()[i];
            long[] acc = rows[i];
            System.arraycopy(ct.readPoly(ct.degree())[i], 0, acc, 0, n);
            for (int d = ct.degree() - 1; d >= 0; d--) {
                PolyMath.mul(acc, s, acc, m);
                PolyMath.add(acc, ct.readPoly(d)[i], acc, m);
            }
        }
        return new Plaintext(rows, ct.level(), ct.scale());
    }
}
