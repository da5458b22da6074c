package ai.based.fhe.rlwe;

import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.Sampler;
import java.util.Optional;

/** Makes secret, public, relinearisation and Galois keys. The secret key never leaves the user's machine. */
public final class KeyGenerator {
    private final RingContext ring;
    private final Sampler random;
    private final boolean compact;

    public KeyGenerator(RingContext ring, Sampler random) {
        this(ring, random, false);
    }

    private KeyGenerator(RingContext ring, Sampler random, boolean compact) {
        this.ring = ring;
        this.random = random;
        this.compact = compact;
    }

    /**
     * The same generator making compact switching keys (no Shoup companions, the uniform half held as its seed, see
     * {@link SwitchingKey#compact()}) from the start: a key set too large to hold whole, such as bootstrapping's, never
     * holds more even briefly.
     */
    public KeyGenerator compactKeys() {
        return new KeyGenerator(ring, random, true);
    }

    public SecretKey secretKey() {
        int[] s = new int[ring.n()];
        random.ternary(s);
        int primes = ring.qCount() + ring.pCount();
        long[][] rows = new long[primes][];
        for (int i = 0; i < primes; i++) rows[i] = SmallPoly.toNtt(s, ring, i);
        return new SecretKey(rows);
    }

    /**
     * A sparse ternary secret with exactly {@code hammingWeight} nonzero coefficients (each +-1 with probability
     * 1/2): the ephemeral secret of bootstrapping, which only ever appears under the small modulus q_0 P (see
     * {@link #levelZeroSwitchingKey}), where a sparse secret keeps 128-bit security.
     */
    public SecretKey sparseSecretKey(int hammingWeight) {
        int n = ring.n();
        if (hammingWeight < 1 || hammingWeight > n) throw new IllegalArgumentException("Hamming weight must be in 1.." + n);
        int[] s = new int[n];
        int placed = 0;
        while (placed < hammingWeight) {
            long bits = random.nextLong();
            int position = (int) ((bits >>> 1) & (n - 1));
            if (s[position] != 0) continue;
            s[position] = (bits & 1) == 0 ? 1 : -1;
            placed++;
        }
        int primes = ring.qCount() + ring.pCount();
        long[][] rows = new long[primes][];
        for (int i = 0; i < primes; i++) rows[i] = SmallPoly.toNtt(s, ring, i);
        return new SecretKey(rows);
    }

    /** Switches {@code from} to {@code sk}: an encryption of P * from under sk over every prime. */
    public SwitchingKey switchingKey(SecretKey sk, SecretKey from) {
        return switchingKey(sk, from.rows(), SwitchingKey.RELINEARIZATION);
    }

    /**
     * Switches {@code from} to {@code sk} for ciphertexts at level 0 only: the key is an encryption under sk modulo
     * q_0 P alone (rows of the other primes are left empty), so a sparse sk is exposed only at that small modulus.
     */
    public SwitchingKey levelZeroSwitchingKey(SecretKey sk, SecretKey from) {
        return limitedKey(sk, (i, row) -> System.arraycopy(from.rows()[i], 0, row, 0, row.length), SwitchingKey.RELINEARIZATION, 0);
    }

    /** Over every prime, special ones included: encryption works modulo QP and divides by P (see Encryptor). */
    public PublicKey publicKey(SecretKey sk) {
        int primes = ring.qCount() + ring.pCount();
        long[][] b = new long[primes][];
        long[][] a = new long[primes][];
        int[] e = new int[ring.n()];
        random.error(e);
        for (int i = 0; i < primes; i++) {
            Modulus m = ring.modulus(i);
            a[i] = new long[ring.n()];
            random.uniform(a[i], m);
            b[i] = SmallPoly.toNtt(e, ring, i);
            long[] as = new long[ring.n()];
            PolyMath.mul(a[i], sk.rows()[i], as, m);
            PolyMath.sub(b[i], as, b[i], m);
        }
        return new PublicKey(b, a);
    }

    /** Switches s^2 back to s. */
    public SwitchingKey relinearizationKey(SecretKey sk) {
        int primes = ring.qCount() + ring.pCount();
        long[][] sSquared = new long[primes][ring.n()];
        for (int i = 0; i < primes; i++) PolyMath.mul(sk.rows()[i], sk.rows()[i], sSquared[i], ring.modulus(i));
        return switchingKey(sk, sSquared, SwitchingKey.RELINEARIZATION);
    }

    /** Switches s(X^g) back to s; g = 5^k rotates slots left by k, g = 2N - 1 conjugates. */
    public SwitchingKey galoisKey(SecretKey sk, long galoisElement) {
        int primes = ring.qCount() + ring.pCount();
        int[] permutation = Galois.nttPermutation(galoisElement, ring.logN());
        long[][] rotated = new long[primes][ring.n()];
        for (int i = 0; i < primes; i++) Galois.apply(sk.rows()[i], permutation, rotated[i]);
        return switchingKey(sk, rotated, galoisElement);
    }

    /**
     * As {@link #galoisKey(SecretKey, long)} for ciphertexts at levels up to {@code maxLevel} only: the digits and
     * rows of the primes above it are left out (empty), which makes the key smaller by the square of the ratio.
     */
    public SwitchingKey galoisKey(SecretKey sk, long galoisElement, int maxLevel) {
        int[] permutation = Galois.nttPermutation(galoisElement, ring.logN());
        return limitedKey(sk, (i, row) -> Galois.apply(sk.rows()[i], permutation, row), galoisElement, maxLevel);
    }

    /** As {@link #relinearizationKey(SecretKey)} for ciphertexts at levels up to {@code maxLevel} only (see above). */
    public SwitchingKey relinearizationKey(SecretKey sk, int maxLevel) {
        return limitedKey(sk, (i, row) -> PolyMath.mul(sk.rows()[i], sk.rows()[i], row, ring.modulus(i)), SwitchingKey.RELINEARIZATION, maxLevel);
    }

    /** Writes row i (NTT form) of the secret a key switches from. */
    private interface SourceRows {
        void write(int prime, long[] row);
    }

    /**
     * Digit j encrypts P * g_j * s' where g_j = 1 modulo the primes of digit j and 0 modulo the other ciphertext primes
     * (the CRT gadget, {@link KeyDigits}), so only the rows of digit j's primes in b_j gain [P]_{q_i} s'; the
     * special-prime rows are plain encryptions of 0, and the rows of the primes above {@code maxLevel} are left empty.
     */
    private SwitchingKey limitedKey(SecretKey sk, SourceRows source, long galoisElement, int maxLevel) {
        if (maxLevel < 0 || maxLevel >= ring.qCount()) throw new IllegalArgumentException("a key's top level must be in 0.." + (ring.qCount() - 1));
        int primes = ring.qCount() + ring.pCount();
        long[][] from = new long[primes][];
        for (int i = 0; i < primes; i++) {
            if (i > maxLevel && i < ring.qCount()) continue;
            from[i] = new long[ring.n()];
            source.write(i, from[i]);
        }
        KeyDigits digits = KeyDigits.of(ring);
        // the uniform half comes from a fresh secret-keyed seed, so the key travels as b plus the seed
        byte[] seed = random.seed();
        long[][][] a = UniformSeed.shape(ring, maxLevel);
        UniformSeed uniform = UniformSeed.expand(ring, seed, maxLevel, a);
        long[][][] b = new long[a.length][primes][];
        int[] e = new int[ring.n()];
        for (int j = 0; j < b.length; j++) {
            random.error(e);
            for (int i = 0; i < primes; i++) {
                b[j][i] = from[i] == null ? new long[0]
                        : encryptRow(sk, a[j][i], e, i, i < ring.qCount() && digits.digitOf(i) == j ? from[i] : null);
            }
        }
        // a was drawn above: a full key takes it as it is rather than drawing it from the seed again
        return compact ? new SwitchingKey(galoisElement, b, null, null, null, Optional.of(uniform))
                : SwitchingKey.withCompanions(ring, galoisElement, b, a, Optional.of(uniform));
    }

    /** -a s + e, plus P times {@code target}'s row where the gadget has a 1 (null: nowhere), on prime i. */
    private long[] encryptRow(SecretKey sk, long[] a, int[] e, int i, long[] target) {
        Modulus m = ring.modulus(i);
        long[] row = SmallPoly.toNtt(e, ring, i);
        long[] as = new long[ring.n()];
        PolyMath.mul(a, sk.rows()[i], as, m);
        PolyMath.sub(row, as, row, m);
        if (target != null) {
            long[] scaled = new long[ring.n()];
            PolyMath.mulScalar(target, pModulo(m), scaled, m);
            PolyMath.add(row, scaled, row, m);
        }
        return row;
    }

    public SwitchingKey rotationKey(SecretKey sk, int steps) {
        return galoisKey(sk, Galois.rotationElement(steps, ring.logN()));
    }

    /** A key over every level: the level-limited construction at the top level (the same draws, the same key). */
    private SwitchingKey switchingKey(SecretKey sk, long[][] target, long galoisElement) {
        return limitedKey(sk, (i, row) -> System.arraycopy(target[i], 0, row, 0, row.length), galoisElement, ring.qCount() - 1);
    }

    /** [P]_q for the product P of the special primes. */
    private long pModulo(Modulus m) {
        long pModQ = 1;
        for (int p = 0; p < ring.pCount(); p++) pModQ = m.mul(pModQ, ring.modulus(ring.pIndex(p)).q % m.q);
        return pModQ;
    }
}
