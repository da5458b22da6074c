package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.Plaintext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The homomorphic operations the model's circuit uses, counted as they run: the op counts of the report and the
 * inputs of the FHE cost model come from real executions, not from a formula that could drift from the code.
 * Thread-safe (the evaluator is; the counters are atomic).
 */
public final class HeOps {
    /** Operations counted; key switches (relinearisations, rotations) dominate the cost. */
    public enum Op { ROTATION, RELINEARIZATION, TENSOR, PLAIN_PRODUCT, RESCALE }

    private final Evaluator evaluator;
    private final Encoder encoder;
    private final Map<Op, AtomicLong> counts = new java.util.EnumMap<>(Op.class);

    public HeOps(Evaluator evaluator, Encoder encoder) {
        this.evaluator = evaluator;
        this.encoder = encoder;
        for (Op op : Op.values()) counts.put(op, new AtomicLong());
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    public Encoder encoder() {
        return encoder;
    }

    public long count(Op op) {
        return counts.get(op).get();
    }

    public Map<Op, Long> counts() {
        Map<Op, Long> out = new java.util.EnumMap<>(Op.class);
        counts.forEach((op, n) -> out.put(op, n.get()));
        return out;
    }

    public void reset() {
        counts.values().forEach(n -> n.set(0));
    }

    public Ciphertext rotate(Ciphertext c, int steps) {
        counts.get(Op.ROTATION).incrementAndGet();
        return evaluator.rotate(c, steps);
    }

    public Map<Integer, Ciphertext> rotateHoisted(Ciphertext c, List<Integer> steps) {
        counts.get(Op.ROTATION).addAndGet(steps.size());
        return evaluator.rotateHoisted(c, steps);
    }

    /** c rotated and left in the extended basis Q P, undivided by P (see ExtendedEvaluator). */
    public ExtendedCiphertext rotateExtended(Ciphertext c, int steps) {
        counts.get(Op.ROTATION).incrementAndGet();
        return evaluator.extended().rotate(c, steps);
    }

    /** P c, c in the extended basis. */
    public ExtendedCiphertext extend(Ciphertext c) {
        return evaluator.extended().extend(c);
    }

    /** acc += c, in place (giant steps summed before their division by P). */
    public void addInPlace(ExtendedCiphertext acc, ExtendedCiphertext c) {
        evaluator.extended().addInPlace(acc, c);
    }

    /** Divided by P and rescaled at once (consumes c). */
    public Ciphertext modDownRescale(ExtendedCiphertext c) {
        counts.get(Op.RESCALE).incrementAndGet();
        return evaluator.extended().modDownRescale(c);
    }

    /** Tensor product, relinearised and rescaled. */
    public Ciphertext mulRelinRescale(Ciphertext a, Ciphertext b) {
        return relinearizeRescale(multiply(a, b));
    }

    /** Relinearised and rescaled in one division by P q_level ({@link Evaluator#relinearizeRescale}). */
    public Ciphertext relinearizeRescale(Ciphertext c) {
        counts.get(Op.RELINEARIZATION).incrementAndGet();
        counts.get(Op.RESCALE).incrementAndGet();
        return evaluator.relinearizeRescale(c);
    }

    /** Degree-2 tensor product; sums of these are relinearised once. */
    public Ciphertext multiply(Ciphertext a, Ciphertext b) {
        counts.get(Op.TENSOR).incrementAndGet();
        return evaluator.multiply(a, b);
    }

    public Ciphertext relinearize(Ciphertext c) {
        counts.get(Op.RELINEARIZATION).incrementAndGet();
        return evaluator.relinearize(c);
    }

    public Ciphertext rescale(Ciphertext c) {
        counts.get(Op.RESCALE).incrementAndGet();
        return evaluator.rescale(c);
    }

    public Ciphertext mulPlain(Ciphertext c, Plaintext p) {
        counts.get(Op.PLAIN_PRODUCT).incrementAndGet();
        return evaluator.mulPlain(c, p);
    }

    /** The sum of cs[i] ps[i] ({@link Evaluator#mulPlainSum}): a linear transform's inner sum, one plaintext product a term. */
    public Ciphertext mulPlainSum(List<Ciphertext> cs, List<Plaintext> ps) {
        counts.get(Op.PLAIN_PRODUCT).addAndGet(cs.size());
        return evaluator.mulPlainSum(cs, ps);
    }

    /** acc += c p, in place ({@link Evaluator#mulPlainAdd}). */
    public void mulPlainAdd(Ciphertext c, Plaintext p, Ciphertext acc) {
        counts.get(Op.PLAIN_PRODUCT).incrementAndGet();
        evaluator.mulPlainAdd(c, p, acc);
    }

    /** Slot values encoded at the ciphertext's next prime, so that a product rescaled once keeps c's scale. */
    public Ciphertext mulSlotsRescale(Ciphertext c, double[] values) {
        double prime = evaluator.parameters().ring().modulus(c.level()).q;
        return rescale(mulPlain(c, encoder.encode(values, c.level(), prime)));
    }

    public Ciphertext addSlots(Ciphertext c, double[] values) {
        return evaluator.addPlain(c, encoder.encode(values, c.level(), c.scale()));
    }

    public Ciphertext add(Ciphertext a, Ciphertext b) {
        return evaluator.add(a, b);
    }

    /**
     * {@code c} brought to {@code target}'s level and exact scale (one rescale by a constant chosen for it), so the
     * two can be added: a residual branch meets the sublayer output this way.
     */
    public Ciphertext matchTo(Ciphertext c, Ciphertext target) {
        if (c.level() <= target.level()) {
            throw new IllegalArgumentException("cannot bring a ciphertext at level " + c.level() + " to level " + target.level()
                    + ": it must be above it");
        }
        Ciphertext dropped = evaluator.dropLevel(c, target.level() + 1);
        double prime = evaluator.parameters().ring().modulus(target.level() + 1).q;
        return rescale(evaluator.mulConst(dropped, 1.0, target.scale() * prime / dropped.scale()));
    }
}
