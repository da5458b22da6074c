package ai.based.fhe.rlwe;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;
import java.util.Optional;

/**
 * A hybrid key-switching key from s' to s: for each digit j ({@link KeyDigits}: one ciphertext prime each, or a group
 * of them) an encryption (b_j, a_j) = (-a_j s + e_j + [P]_{q_i} s' on the rows i of digit j, a_j) over all primes,
 * NTT form, indexed [digit][prime][coefficient]. Relinearisation (s' = s^2), rotations (s' = s(X^g)) and conjugation
 * use the same form. The Shoup companions of b and a are kept beside them: the key is a fixed multiplicand, so every
 * product in key switching costs one high multiplication instead of a Barrett reduction. A key drawn from a seed
 * ({@link UniformSeed}) travels as b and the seed, and a {@link #compact} one is held that way too: {@code a} is null
 * and {@link #uniformRow} re-expands each row where it is used.
 */
public record SwitchingKey(long galoisElement, long[][][] b, long[][][] a, long[][][] bShoup, long[][][] aShoup,
        Optional<UniformSeed> uniformSeed) {
    /** The element marking a relinearisation key, which is not a Galois key. */
    public static final long RELINEARIZATION = 0;

    public static SwitchingKey of(RingContext ring, long galoisElement, long[][][] b, long[][][] a) {
        return withCompanions(ring, galoisElement, b, a, Optional.empty());
    }

    /** The full key of b and a, its companions computed here. */
    static SwitchingKey withCompanions(RingContext ring, long galoisElement, long[][][] b, long[][][] a, Optional<UniformSeed> uniformSeed) {
        return new SwitchingKey(galoisElement, b, a, shoup(ring, b), shoup(ring, a), uniformSeed);
    }

    /** A key whose uniform half {@code a} is expanded from {@code seed} (see {@link #expandUniform}): it travels as the seed. */
    public static SwitchingKey seeded(RingContext ring, long galoisElement, long[][][] b, byte[] seed) {
        return seeded(ring, galoisElement, b, seed, ring.qCount() - 1);
    }

    /** A level-limited key (rows above {@code maxLevel} empty) whose uniform half is expanded from {@code seed}. */
    public static SwitchingKey seeded(RingContext ring, long galoisElement, long[][][] b, byte[] seed, int maxLevel) {
        long[][][] a = UniformSeed.shape(ring, maxLevel);
        UniformSeed uniform = UniformSeed.expand(ring, seed, maxLevel, a);
        return withCompanions(ring, galoisElement, b, a, Optional.of(uniform));
    }

    /**
     * The {@link #compact} form of {@link #seeded(RingContext, long, long[][][], byte[], int)}'s key, made without ever
     * holding a or the companions: what a miner reads a large key set into.
     */
    public static SwitchingKey compactSeeded(RingContext ring, long galoisElement, long[][][] b, byte[] seed, int maxLevel) {
        return new SwitchingKey(galoisElement, b, null, null, null, Optional.of(UniformSeed.expand(ring, seed, maxLevel, null)));
    }

    /** The seed a seeded key's uniform half is expanded from (a copy). */
    public Optional<byte[]> seed() {
        return uniformSeed.map(UniformSeed::bytes);
    }

    /**
     * The same key without its Shoup companions: half the memory, and key switching with it multiplies by Barrett
     * reduction instead (same residues, somewhat slower). The gpu module's device keys need the companions and refuse
     * a lean key.
     */
    public SwitchingKey lean() {
        return new SwitchingKey(galoisElement, b, a, null, null, uniformSeed);
    }

    /**
     * The lean key holding its uniform half as its seed: a quarter of the full key's memory, for key sets too large to
     * hold otherwise, such as bootstrapping's at N = 2^16 (6.5 GB lean, 3.3 GB compact). Each key switch re-expands
     * the rows of a it uses. A key without a seed keeps its a.
     */
    public SwitchingKey compact() {
        return new SwitchingKey(galoisElement, b, uniformSeed.isPresent() ? null : a, null, null, uniformSeed);
    }

    /** Row a[digit][prime]: the held row, or the row re-expanded from the seed into {@code scratch} (modulo {@code m}, that prime's). */
    public long[] uniformRow(int digit, int prime, Modulus m, long[] scratch) {
        return a != null ? a[digit][prime] : uniformSeed.orElseThrow().row(digit, prime, m, scratch);
    }

    /**
     * The highest level this key switches at: the last ciphertext prime with rows ({@link KeyGenerator#galoisKey(SecretKey,
     * long, int)} leaves the others out).
     */
    public int maxLevel(RingContext ring) {
        long[][] top = b[b.length - 1];
        int level = ring.qCount() - 1;
        while (level > 0 && top[level].length == 0) level--;
        return level;
    }

    public boolean isLean() {
        return bShoup == null;
    }

    public boolean isCompact() {
        return a == null;
    }

    /** Bytes the key holds in memory: b, a unless it is compact, and their Shoup companions unless it is lean. */
    public long bytes() {
        long words = 0;
        for (long[][] digit : b) for (long[] row : digit) words += row.length;
        return words * Long.BYTES * ((isCompact() ? 1 : 2) * (isLean() ? 1 : 2));
    }

    /** The uniform polynomials a[digit][prime] drawn from {@code seed}, digit by digit, prime by prime. */
    public static long[][][] expandUniform(RingContext ring, byte[] seed) {
        return expandUniform(ring, seed, ring.qCount() - 1);
    }

    /**
     * As above for a key serving levels up to {@code maxLevel}: its digits only, and the rows of the primes above
     * {@code maxLevel} left empty (and skipped in the stream, so a full key's expansion is the case maxLevel = L).
     */
    public static long[][][] expandUniform(RingContext ring, byte[] seed, int maxLevel) {
        long[][][] a = UniformSeed.shape(ring, maxLevel);
        UniformSeed.expand(ring, seed, maxLevel, a);
        return a;
    }

    private static long[][][] shoup(RingContext ring, long[][][] key) {
        long[][][] out = new long[key.length][][];
        for (int j = 0; j < key.length; j++) {
            out[j] = new long[key[j].length][];
            for (int i = 0; i < key[j].length; i++) {
                Modulus m = ring.modulus(i);
                long[] row = key[j][i];
                long[] companion = new long[row.length];
                for (int c = 0; c < row.length; c++) companion[c] = m.shoup(row[c]);
                out[j][i] = companion;
            }
        }
        return out;
    }
}
