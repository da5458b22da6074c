package ai.based.fhe.ring;

/**
 * Expands a public 32-byte seed into uniform residues: the uniform half 'a' of a seeded ciphertext or key, which
 * then travels as its seed. Anyone holding the seed may expand it, so this type offers uniform residues only and
 * never secrets, masks or errors: those come from {@link Sampler#secure()}.
 */
public final class SeedExpander {
    private final AesCtrStream stream;

    private SeedExpander(byte[] seed, long offset) {
        this.stream = new AesCtrStream(seed.clone(), offset);
    }

    public static SeedExpander of(byte[] seed) {
        return at(seed, 0);
    }

    /** The expansion from byte {@code offset} of the seed's stream on: what {@link #offset()} returned there. */
    public static SeedExpander at(byte[] seed, long offset) {
        if (seed.length != 32) throw new IllegalArgumentException("a seed is 32 bytes");
        return new SeedExpander(seed, offset);
    }

    /** Bytes of the seed's stream used so far; {@link #at} resumes there. */
    public long offset() {
        return stream.offset();
    }

    /** Uniform residues in [0, q). */
    public void uniform(long[] out, Modulus m) {
        stream.uniform(out, m);
    }
}
