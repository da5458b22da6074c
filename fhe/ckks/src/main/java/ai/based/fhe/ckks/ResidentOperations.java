package ai.based.fhe.ckks;

import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.CiphertextAccelerator;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.ResidentRows;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The {@link Evaluator}'s operations that run on a {@link CiphertextAccelerator}: each leases its operands' rows in
 * the accelerator (uploading a host operand once) for the length of the call and returns a ciphertext whose rows stay
 * there. The evaluator has checked the operands; these only move rows and name the results' level and scale.
 */
final class ResidentOperations {
    private final CiphertextAccelerator accelerator;
    private final int n;
    /** The special primes: an extended ciphertext's rows over Q P are level + 1 + k per polynomial. */
    private final int k;

    ResidentOperations(CiphertextAccelerator accelerator, int n, int k) {
        this.accelerator = accelerator;
        this.n = n;
        this.k = k;
    }

    String name() {
        return accelerator.name();
    }

    /** Whether the key switches with {@code keys} run on the accelerator. */
    boolean take(List<SwitchingKey> keys) {
        return !keys.isEmpty() && keys.stream().allMatch(accelerator::accepts);
    }

    Ciphertext mulRelin(Ciphertext a, Ciphertext b, SwitchingKey relinearization) {
        return binary(a, b, (x, y) -> accelerator.mulRelin(x, y, a.level(), relinearization), a.level(), a.scale() * b.scale());
    }

    Ciphertext applyGalois(Ciphertext c, SwitchingKey galoisKey) {
        return unary(c, rows -> accelerator.applyGalois(rows, c.level(), galoisKey), c.level(), c.scale());
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
        return unary(c, rows -> accelerator.rescale(rows, c.level()), c.level() - 1, c.scale() / lastPrime);
    }

    /** The tensor product: degree 2. */
    Ciphertext multiply(Ciphertext a, Ciphertext b) {
        return binary(a, b, (x, y) -> accelerator.multiply(x, y, a.level()), a.level(), a.scale() * b.scale());
    }

    /** A degree-2 c relinearised. */
    Ciphertext relinearize(Ciphertext c, SwitchingKey relinearization) {
        return unary(c, rows -> accelerator.relinearize(rows, c.level(), relinearization), c.level(), c.scale());
    }

    /** A degree-2 c relinearised and divided by P {@code lastPrime} with one rounding. */
    Ciphertext relinearizeRescale(Ciphertext c, SwitchingKey relinearization, long lastPrime) {
        return unary(c, rows -> accelerator.relinearizeRescale(rows, c.level(), relinearization), c.level() - 1, c.scale() / lastPrime);
    }

    /** Row t of every polynomial times {@code constants[t]}; the result at {@code scale}. */
    Ciphertext mulConst(Ciphertext c, long[] constants, double scale) {
        return unary(c, rows -> accelerator.mulConst(rows, c.level(), constants), c.level(), scale);
    }

    Ciphertext addConst(Ciphertext c, long[] constants) {
        return unary(c, rows -> accelerator.addConst(rows, c.level(), constants), c.level(), c.scale());
    }

    Ciphertext addPlain(Ciphertext c, Plaintext p) {
        return unary(c, rows -> accelerator.addPlain(rows, p, c.level()), c.level(), c.scale());
    }

    Ciphertext dropLevel(Ciphertext c, int targetLevel) {
        return unary(c, rows -> accelerator.dropLevel(rows, c.level(), targetLevel), targetLevel, c.scale());
    }

    /** {@code operation} on c's rows in the accelerator, its result there at {@code level} and {@code scale}. */
    private Ciphertext unary(Ciphertext c, UnaryOperator<ResidentRows> operation, int level, double scale) {
        try (Ciphertext.Lease lease = c.lease(accelerator)) {
            return resident(operation.apply(lease.rows()), level, scale);
        }
    }

    /** {@code operation} on a's and b's rows in the accelerator, its result there at {@code level} and {@code scale}. */
    private Ciphertext binary(Ciphertext a, Ciphertext b, BinaryOperator<ResidentRows> operation, int level, double scale) {
        try (Ciphertext.Lease la = a.lease(accelerator); Ciphertext.Lease lb = b.lease(accelerator)) {
            return resident(operation.apply(la.rows(), lb.rows()), level, scale);
        }
    }

    /** a + b, or a - b, into fresh rows (operands of one degree). */
    Ciphertext add(Ciphertext a, Ciphertext b, boolean subtract) {
        return binary(a, b, (x, y) -> subtract ? accelerator.sub(x, y, a.level()) : accelerator.add(x, y, a.level()), a.level(), a.scale());
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
        return unary(a, rows -> accelerator.mulPlain(rows, p, a.level()), a.level(), a.scale() * p.scale());
    }

    /** The sum of cs[i] ps[i] in one operation, every ciphertext leased for it. */
    Ciphertext mulPlainSum(List<Ciphertext> cs, List<Plaintext> ps) {
        List<Ciphertext.Lease> leases = new java.util.ArrayList<>();
        try {
            for (Ciphertext c : cs) leases.add(c.lease(accelerator));
            Ciphertext first = cs.getFirst();
            ResidentRows sum = accelerator.mulPlainSum(leases.stream().map(Ciphertext.Lease::rows).toList(), ps, first.level());
            return resident(sum, first.level(), first.scale() * ps.getFirst().scale());
        } finally {
            leases.forEach(Ciphertext.Lease::close);
        }
    }

    /** acc += a p in acc's rows in the accelerator (its host copy given up). */
    void mulPlainAdd(Ciphertext a, Plaintext p, Ciphertext acc) {
        try (Ciphertext.Lease la = acc.leaseForWrite(accelerator); Ciphertext.Lease lb = a.lease(accelerator)) {
            accelerator.mulPlainAdd(lb.rows(), p, la.rows(), a.level());
        }
    }

    /** (a b) relinearised and divided by P {@code lastPrime} (the prime of their level) with one rounding. */
    Ciphertext mulRelinRescale(Ciphertext a, Ciphertext b, SwitchingKey relinearization, long lastPrime) {
        return binary(a, b, (x, y) -> accelerator.mulRelinRescale(x, y, a.level(), relinearization), a.level() - 1,
                a.scale() * b.scale() / lastPrime);
    }

    ExtendedCiphertext extend(Ciphertext c) {
        return extended(c, rows -> accelerator.extend(rows, c.level()));
    }

    ExtendedCiphertext rotateExtended(Ciphertext c, SwitchingKey galoisKey) {
        return extended(c, rows -> accelerator.rotateExtended(rows, c.level(), galoisKey));
    }

    /** acc += x in acc's rows in the accelerator (its host copy given up). */
    void addExtendedInPlace(ExtendedCiphertext acc, ExtendedCiphertext x) {
        try (Ciphertext.Lease la = acc.rows().leaseForWrite(accelerator); Ciphertext.Lease lx = x.rows().lease(accelerator)) {
            accelerator.addExtendedInPlace(la.rows(), lx.rows(), acc.level());
        }
    }

    /** x divided by P {@code lastPrime} (the prime of its level) with one rounding. */
    Ciphertext modDownRescale(ExtendedCiphertext x, long lastPrime) {
        try (Ciphertext.Lease lease = x.rows().lease(accelerator)) {
            return resident(accelerator.modDownRescale(lease.rows(), x.level()), x.level() - 1, x.scale() / lastPrime);
        }
    }

    /** {@code operation}'s rows over Q P (level + 1 + k per polynomial) from c's: an extended ciphertext there. */
    private ExtendedCiphertext extended(Ciphertext c, UnaryOperator<ResidentRows> operation) {
        return ExtendedCiphertext.over(unary(c, operation, c.level() + k, c.scale()), c.level());
    }

    private Ciphertext resident(ResidentRows rows, int level, double scale) {
        return Ciphertext.inAccelerator(accelerator, rows, level, n, scale);
    }
}
