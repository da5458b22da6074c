package ai.based.fhe.ckks;

/**
 * For other modules' tests: an {@link Evaluator} whose accelerated operations run on a {@link HostMirrorAccelerator}
 * (its "device memory" host arrays of its own, every operation the host evaluator's), and the mirror's counts, so a
 * test can see which of a circuit's operations bring ciphertexts back to the host.
 */
public final class MirroredEvaluator {
    private final HostMirrorAccelerator mirror;
    private final Evaluator evaluator;

    public MirroredEvaluator(Parameters params, EvaluationKeys keys) {
        this.mirror = new HostMirrorAccelerator(params, keys, key -> true);
        this.evaluator = mirror.evaluator();
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    /** Host rows copied into the mirror: an operand that was not there yet. */
    public int uploads() {
        return mirror.uploads.get();
    }

    /** Mirror rows copied back to the host: a read by something without an accelerated form. */
    public int downloads() {
        return mirror.downloads.get();
    }

    /** Operations the mirror ran. */
    public int operations() {
        return mirror.operations.get();
    }
}
