package ai.based.fhe.rlwe;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.compute.ComputeBackends;
import ai.based.fhe.ring.RingContext;
import java.util.List;
import java.util.Optional;

/**
 * Whole ciphertext operations in an accelerator's own memory, so that a chain of them pays no host round trip per
 * kernel (the per-row {@link ComputeBackend} copies every row both ways, which costs more than a GPU saves). The
 * {@code Evaluator} hands its operands over as {@link ResidentRows} (uploading a host ciphertext once, the copy kept
 * beside it) and leaves results there; a ciphertext's rows come back to the host only when something reads them.
 *
 * <p>Every operation returns the CPU evaluator's residues bit for bit, with the levels it is given already checked.
 * Operations take and give rows at {@code level}; keys and plaintexts are the library's own, which the accelerator
 * uploads on first use and keeps while they live. The in-place operations write into rows the caller holds alone (the
 * {@code Ciphertext} has given its host copy up). Implementations are thread-safe (they serialise their device work).
 */
public interface CiphertextAccelerator {
    /** What a {@link ComputeBackend} also implements when it has ciphertext operations for some rings. */
    interface Source {
        /** The accelerator for {@code ring}, or empty when this backend cannot run it (and the CPU evaluates it). */
        Optional<CiphertextAccelerator> ciphertexts(RingContext ring);
    }

    /** The selected compute backend's accelerator for {@code ring}, if it has one. */
    static Optional<CiphertextAccelerator> forRing(RingContext ring) {
        return ComputeBackends.selected() instanceof Source source ? source.ciphertexts(ring) : Optional.empty();
    }

    /** A short name for logs. */
    String name();

    /** False for a key the accelerator cannot hold (one it has no room for, or a form it cannot read): its operation runs on the CPU. */
    boolean accepts(SwitchingKey key);

    /** The rows {@code polys[d][i]} (d = 0..degree, i = 0..level) copied into accelerator memory. */
    ResidentRows upload(long[][][] polys, int level);

    /** a b relinearised under {@code relinearization}: degree 1 at {@code level} (both operands degree 1). */
    ResidentRows mulRelin(ResidentRows a, ResidentRows b, int level, SwitchingKey relinearization);

    /** c (degree 1) under the automorphism of {@code galoisKey}'s element: a rotation or the conjugation. */
    ResidentRows applyGalois(ResidentRows c, int level, SwitchingKey galoisKey);

    /** c rotated under each key with one decomposition of c_1 (hoisting); results in the keys' order. */
    List<ResidentRows> applyGaloisHoisted(ResidentRows c, int level, List<SwitchingKey> galoisKeys);

    /** c (degree 1) divided by the last prime of {@code level}: rows at level - 1. */
    ResidentRows rescale(ResidentRows c, int level);

    /** a + b, polynomial by polynomial (operands of one degree). */
    ResidentRows add(ResidentRows a, ResidentRows b, int level);

    /** a - b, polynomial by polynomial (operands of one degree). */
    ResidentRows sub(ResidentRows a, ResidentRows b, int level);

    /** acc += b in place (operands of one degree). */
    void addInPlace(ResidentRows acc, ResidentRows b, int level);

    /** acc -= b in place (operands of one degree). */
    void subInPlace(ResidentRows acc, ResidentRows b, int level);

    /** Every polynomial of a times the plaintext {@code p} (rows 0..level). */
    ResidentRows mulPlain(ResidentRows a, Plaintext p, int level);

    /** acc += a p in place (a and acc of one degree): a linear transform's inner sum, one pass per term. */
    void mulPlainAdd(ResidentRows a, Plaintext p, ResidentRows acc, int level);

    /** The sum of cs[i] ps[i] (ciphertexts of one degree): a linear transform's whole inner sum in one pass. */
    ResidentRows mulPlainSum(List<ResidentRows> cs, List<Plaintext> ps, int level);

    /** The tensor product a b of two degree-1 operands: degree 2. */
    ResidentRows multiply(ResidentRows a, ResidentRows b, int level);

    /** A degree-2 c relinearised under {@code relinearization}: degree 1. */
    ResidentRows relinearize(ResidentRows c, int level, SwitchingKey relinearization);

    /** A degree-2 c relinearised and divided by P q_level with one rounding: degree 1 at level - 1. */
    ResidentRows relinearizeRescale(ResidentRows c, int level, SwitchingKey relinearization);

    /** Every polynomial's row t times {@code constants[t]} (residues mod q_t, t = 0..level): a constant, or -1 to negate. */
    ResidentRows mulConst(ResidentRows c, int level, long[] constants);

    /** The first polynomial's row t plus {@code constants[t]}: a constant added to every slot. */
    ResidentRows addConst(ResidentRows c, int level, long[] constants);

    /** The first polynomial plus the plaintext {@code p}. */
    ResidentRows addPlain(ResidentRows c, Plaintext p, int level);

    /** Rows 0..targetLevel of c: the same ciphertext at a lower level. */
    ResidentRows dropLevel(ResidentRows c, int level, int targetLevel);

    /** (a b) relinearised and divided by P q_level with one rounding: degree 1 at level - 1 (both operands degree 1). */
    ResidentRows mulRelinRescale(ResidentRows a, ResidentRows b, int level, SwitchingKey relinearization);

    // The extended basis Q P ({@link ExtendedCiphertext}): rows of degree 1 with level + 1 + k rows per polynomial,
    // q_0..q_level then the k special primes, whose ResidentRows.level() is level + k. {@code level} is the q level.

    /** P c (c of degree 1) over Q P. */
    ResidentRows extend(ResidentRows c, int level);

    /** c (degree 1) under the automorphism of {@code galoisKey}'s element, left undivided by P: rows over Q P. */
    ResidentRows rotateExtended(ResidentRows c, int level, SwitchingKey galoisKey);

    /** acc += x over Q P, in place. */
    void addExtendedInPlace(ResidentRows acc, ResidentRows x, int level);

    /** x over Q P divided by P q_level, rounded once: degree 1 at level - 1. */
    ResidentRows modDownRescale(ResidentRows x, int level);
}
