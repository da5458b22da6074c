package ai.based.fhe.rlwe;

/**
 * A ciphertext's rows held in an accelerator's memory (see {@link CiphertextAccelerator}): polynomials 0..degree, each
 * with rows 0..level in NTT form. The accelerator owns the memory; {@link #free} gives it back and may be called from
 * any thread, more than once.
 */
public interface ResidentRows {
    int degree();

    int level();

    /** Copies the rows to the host: {@code into[d][i]} receives row i of polynomial d (arrays of the ring's degree). */
    void download(long[][][] into);

    void free();
}
