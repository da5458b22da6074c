package ai.based.fhe.rlwe;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.RnsConversion;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.ring.SeedExpander;

/**
 * Public-key encryption (c_0, c_1) = ((b u + e_0) / P + m, (a u + e_1) / P) with ternary u, and symmetric encryption
 * (-a s + e + m, a) whose uniform half a is expanded from a 32-byte seed, so it can travel as the seed alone.
 */
public final class Encryptor {
    private final RingContext ring;
    private final Sampler random;
    private final RnsConversion conversion;

    public Encryptor(RingContext ring, Sampler random) {
        this.ring = ring;
        this.random = random;
        this.conversion = new RnsConversion(ring);
    }

    /**
     * Encrypts zero modulo Q_level * P, divides by P (which shrinks the noise u e + e_0 + e_1 s to about its P-th
     * part plus rounding, as SEAL does), then adds the message.
     */
    public Ciphertext encrypt(Plaintext plaintext, PublicKey pk) {
        int level = plaintext.level();
        int n = ring.n();
        int k = ring.pCount();
        int[] u = new int[n];
        int[] e0 = new int[n];
        int[] e1 = new int[n];
        random.ternary(u);
        random.error(e0);
        random.error(e1);
        Ciphertext ct = Ciphertext.zeros(1, level, n, plaintext.scale());
        long[][] p0 = new long[k][n];
        long[][] p1 = new long[k][n];
        for (int t = 0; t <= level + k; t++) {
            int prime = t <= level ? t : ring.pIndex(t - level - 1);
            Modulus m = ring.modulus(prime);
            long[] c0 = t <= level ? ct.poly(0)[t] : p0[t - level - 1];
            long[] c1 = t <= level ? ct.poly(1)[t] : p1[t - level - 1];
            long[] uRow = SmallPoly.toNtt(u, ring, prime);
            PolyMath.mul(pk.b()[prime], uRow, c0, m);
            PolyMath.mul(pk.a()[prime], uRow, c1, m);
            SmallPoly.addToNtt(e0, ring, prime, c0);
            SmallPoly.addToNtt(e1, ring, prime, c1);
        }
        conversion.divideByP(ct.poly(0), level, p0);
        conversion.divideByP(ct.poly(1), level, p1);
        for (int i = 0; i <= level; i++) {
            PolyMath.add(ct.poly(0)[i], plaintext.rows()[i], ct.poly(0)[i], ring.modulus(i));
        }
        return ct;
    }

    /** Symmetric encryption; {@code seed} (32 bytes) receives the seed the uniform half was expanded from. */
    public Ciphertext encryptSymmetric(Plaintext plaintext, SecretKey sk, byte[] seed) {
        byte[] fresh = random.seed();
        System.arraycopy(fresh, 0, seed, 0, 32);
        int level = plaintext.level();
        int n = ring.n();
        int[] e = new int[n];
        random.error(e);
        Ciphertext ct = Ciphertext.zeros(1, level, n, plaintext.scale());
        SeedExpander uniform = SeedExpander.of(fresh);
        for (int i = 0; i <= level; i++) {
            Modulus m = ring.modulus(i);
            long[] a = ct.poly(1)[i];
            uniform.uniform(a, m);
            long[] c0 = ct.poly(0)[i];
            PolyMath.mul(a, sk.rows()[i], c0, m);
            PolyMath.neg(c0, c0, m);
            SmallPoly.addToNtt(e, ring, i, c0);
            PolyMath.add(c0, plaintext.rows()[i], c0, m);
        }
        return ct;
    }
}
