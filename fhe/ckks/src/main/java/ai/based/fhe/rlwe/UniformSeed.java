package ai.based.fhe.rlwe;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.SeedExpander;

/**
 * The seed a switching key's uniform half a[digit][prime] is expanded from, and where each row starts in the seed's
 * stream: rows are drawn digit by digit, prime by prime, by rejection, so a row's start is known only once the rows
 * before it were drawn. With the starts noted, any row can be re-expanded on its own, which lets a key hold its
 * uniform half as 32 bytes and re-expand each row where a key switch uses it (AES-CTR runs at about the speed the row
 * would be read from memory).
 */
public final class UniformSeed {
    private final byte[] seed;
    /** [digit][prime]: the row's first byte in the seed's stream, -1 for a row the key leaves out */
    private final long[][] starts;

    private UniformSeed(byte[] seed, long[][] starts) {
        this.seed = seed;
        this.starts = starts;
    }

    /** Empty rows shaped like the uniform half of a key serving levels up to {@code maxLevel} (the primes above it empty). */
    public static long[][][] shape(RingContext ring, int maxLevel) {
        int primes = ring.qCount() + ring.pCount();
        long[][][] a = new long[KeyDigits.of(ring).countAt(maxLevel)][primes][];
        for (long[][] digit : a) {
            for (int i = 0; i < primes; i++) digit[i] = new long[omitted(ring, i, maxLevel) ? 0 : ring.n()];
        }
        return a;
    }

    /**
     * Draws the rows of a key serving levels up to {@code maxLevel} from {@code seed} in stream order (a full key is the
     * case maxLevel = L; the rows it leaves out are skipped in the stream) and notes where each row starts: into
     * {@code a} (from {@link #shape}), or, where {@code a} is null, through one scratch row, for a key held compact.
     */
    public static UniformSeed expand(RingContext ring, byte[] seed, int maxLevel, long[][][] a) {
        SeedExpander uniform = SeedExpander.of(seed);
        int primes = ring.qCount() + ring.pCount();
        long[] scratch = a == null ? new long[ring.n()] : null;
        long[][] starts = new long[KeyDigits.of(ring).countAt(maxLevel)][primes];
        for (int j = 0; j < starts.length; j++) {
            for (int i = 0; i < primes; i++) {
                if (omitted(ring, i, maxLevel)) {
                    starts[j][i] = -1;
                    continue;
                }
                starts[j][i] = uniform.offset();
                uniform.uniform(a == null ? scratch : a[j][i], ring.modulus(i));
            }
        }
        return new UniformSeed(seed.clone(), starts);
    }

    /** Row a[digit][prime], modulo {@code m} (that prime's), written into {@code out}. */
    public long[] row(int digit, int prime, Modulus m, long[] out) {
        long start = starts[digit][prime];
        if (start < 0) throw new IllegalArgumentException("the key has no row for prime " + prime + " (it serves lower levels only)");
        SeedExpander.at(seed, start).uniform(out, m);
        return out;
    }

    public byte[] bytes() {
        return seed.clone();
    }

    private static boolean omitted(RingContext ring, int prime, int maxLevel) {
        return prime > maxLevel && prime < ring.qCount();
    }
}
