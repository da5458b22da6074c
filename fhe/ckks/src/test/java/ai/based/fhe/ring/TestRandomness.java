package ai.based.fhe.ring;

import java.util.List;

/**
 * Test fixture (in the test jar only, never in the library): reproducible samplers and rings of any size, which the
 * library keeps package-private so that production code cannot reach them.
 */
public final class TestRandomness {
    private TestRandomness() {}

    /** A sampler whose whole stream follows from {@code name}: reproducible keys and noise for a test. */
    public static Sampler named(String name) {
        return Sampler.named(name);
    }

    /** A ring of any size, insecure ones included, without the 128-bit check of {@link RingContext#secure}. */
    public static RingContext uncheckedRing(int logN, List<Long> qPrimes, List<Long> pPrimes) {
        return new RingContext(logN, qPrimes, pPrimes);
    }
}
