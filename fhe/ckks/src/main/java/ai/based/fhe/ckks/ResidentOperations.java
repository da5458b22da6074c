package ai.based.fhe.ckks;

import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.CiphertextAccelerator;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.ResidentRows;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Evaluator}'s operations that run on a {@link CiphertextAccelerator}: each leases its operands' rows in
 * the accelerator (uploading a host operand once) for the length of the call and returns a ciphertext whose rows stay
 * there. The evaluator has checked the operands; these only move rows and name the results' level and scale.
 */
final class ResidentOperations {
    private final CiphertextAccelerator accelerator;
    private final int n;

    ResidentOperations(CiphertextAccelerator accelerator, int n) {
        this.accelerator = accelerator;
        this.n = n;
    }

    String name() {
        return accelerator.name();
    }

    /** Whether the key switches with {@code keys} run on the accelerator. */
    boolean take(List<SwitchingKey> keys) {
        return !keys.isEmpty() && keys.stream().allMatch(accelerator::accepts);
    }

    Ciphertext mulRelin(Ciphertext a, Ciphertext b, SwitchingKey relinearization) {
        try (Ciphertext.Lease la = a.lease(accelerator); Ciphertext.Lease lb = b.lease(accelerator)) {
            return resident(accelerator.mulRelin(la.rows(), lb.rows(), a.level(), relinearization), a.level(), a.scale() * b.scale());
        }
    }

    Ciphertext applyGalois(Ciphertext c, SwitchingKey galoisKey) {
        try (Ciphertext.Lease lease = c.lease(accelerator)) {
            return resident(accelerator.applyGalois(lease.rows(), c.level(), galoisKey), c.level(), c.scale());
        }
    }

    Map<Integer, Ciphertext> rotateHoisted(Ciphertext c, List<Integer> steps, List<SwitchingKey> galoisKeys) {
        List<ResidentRows> rotated;
        try (Ciphertext.Lease lease = c.lease(accelerator)) {
            rotated = accelerator.applyGaloisHoisted(lease.rows(), c.level(), galoisKeys);
        }
        Map<Integer, Ciphertext> out = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) out.put(steps.get(i), resident(rotated.get(i), c.level(), c.scale()));
        return out;
    }

    /** c divided by {@code lastPrime}, the prime of its level. */
    Ciphertext rescale(Ciphertext c, long lastPrime) {
        try (Ciphertext.Lease lease = c.lease(accelerator)) {
            return resident(accelerator.rescale(lease.rows(), c.level()), c.level() - 1, c.scale() / lastPrime);
        }
    }

    /** a + b, or a - b, into fresh rows (operands of one degree). */
    Ciphertext add(Ciphertext a, Ciphertext b, boolean subtract) {
        try (Ciphertext.Lease la = a.lease(accelerator); Ciphertext.Lease lb = b.lease(accelerator)) {
            ResidentRows sum = subtract ? accelerator.sub(la.rows(), lb.rows(), a.level()) : accelerator.add(la.rows(), lb.rows(), a.level());
            return resident(sum, a.level(), a.scale());
        }
    }

    /** acc += b, or acc -= b, in acc's rows in the accelerator (its host copy given up). */
    void addInPlace(Ciphertext acc, Ciphertext b, boolean subtract) {
        try (Ciphertext.Lease la = acc.leaseForWrite(accelerator); Ciphertext.Lease lb = b.lease(accelerator)) {
            if (subtract) accelerator.subInPlace(la.rows(), lb.rows(), acc.level());
            else accelerator.addInPlace(la.rows(), lb.rows(), acc.level());
        }
    }

    /** a + b written into {@code destination} (neither operand): its rows become the sum's. */
    void addInto(Ciphertext a, Ciphertext b, Ciphertext destination) {
        try (Ciphertext.Lease la = a.lease(accelerator); Ciphertext.Lease lb = b.lease(accelerator)) {
            destination.replaceRows(accelerator, accelerator.add(la.rows(), lb.rows(), a.level()));
        }
    }

    Ciphertext mulPlain(Ciphertext a, Plaintext p) {
        try (Ciphertext.Lease lease = a.lease(accelerator)) {
            return resident(accelerator.mulPlain(lease.rows(), p, a.level()), a.level(), a.scale() * p.scale());
        }
    }

    /** acc += a p in acc's rows in the accelerator (its host copy given up). */
    void mulPlainAdd(Ciphertext a, Plaintext p, Ciphertext acc) {
        try (Ciphertext.Lease la = acc.leaseForWrite(accelerator); Ciphertext.Lease lb = a.lease(accelerator)) {
            accelerator.mulPlainAdd(lb.rows(), p, la.rows(), a.level());
        }
    }

    private Ciphertext resident(ResidentRows rows, int level, double scale) {
        return Ciphertext.inAccelerator(accelerator, rows, level, n, scale);
    }
}
