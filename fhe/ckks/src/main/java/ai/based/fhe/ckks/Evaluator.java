package ai.based.fhe.ckks;

import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.CiphertextAccelerator;
import ai.based.fhe.rlwe.KeySwitcher;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Homomorphic operations on CKKS ciphertexts, owning the evaluation keys. Operations that combine two operands
 * refuse mismatched levels or scales with a message that says which step is missing (rescale, drop level).
 *
 * <p>Where the selected compute backend has a {@link CiphertextAccelerator} for the ring (the gpu module's, with a
 * device), the key switches run there (multiply + relinearise, relinearisations, rotations, hoisted too, and
 * conjugation), and so do the cheap operations (rescaling, the tensor product, additions and subtractions, plaintext
 * products and their sums, constants, dropped levels) when an operand's rows are already there (an upload would cost
 * them more than they save); results stay in its memory and come back to the host only when something without an
 * accelerated form (the encoder, a decryption, a serialisation, a caller's own row writes) reads them. Results are
 * the same residues either way.
 */
public final class Evaluator {
    private final Parameters params;
    private final RingContext ring;
    private final EvaluationKeys keys;
    private final KeySwitcher switcher;
    private final Map<Long, int[]> permutations = new ConcurrentHashMap<>();
    private final ExtendedEvaluator extended;
    private final LimbParallelism limbs;
    /** Null: everything on the host. */
    private final CiphertextAccelerator accelerator;
    /** The accelerated operations, or null. */
    private final ResidentOperations resident;
    /** The element-wise operations on host rows. */
    private final HostArithmetic host;

    public Evaluator(Parameters params, EvaluationKeys keys) {
        this(params, keys, LimbParallelism.INLINE);
    }

    /** With per-limb work spread over {@code limbs} (an executor the caller sizes); inline by default. */
    public Evaluator(Parameters params, EvaluationKeys keys, LimbParallelism limbs) {
        this(params, keys, limbs, CiphertextAccelerator.forRing(params.ring()).orElse(null));
    }

    /** With {@code accelerator} (null for none) in place of the selected backend's. */
    Evaluator(Parameters params, EvaluationKeys keys, LimbParallelism limbs, CiphertextAccelerator accelerator) {
        this.params = params;
        this.ring = params.ring();
        this.keys = keys;
        this.switcher = new KeySwitcher(ring, limbs);
        this.extended = new ExtendedEvaluator(this, switcher);
        this.limbs = limbs;
        this.accelerator = accelerator;
        this.resident = accelerator == null ? null : new ResidentOperations(accelerator, ring.n(), ring.pCount());
        this.host = new HostArithmetic(ring);
    }

    /** The operations in the extended basis Q P that linear transforms use for their giant steps, with these keys. */
    public ExtendedEvaluator extended() {
        return extended;
    }

    /** The same keys with per-limb work on {@code limbs}. */
    public Evaluator withLimbParallelism(LimbParallelism limbs) {
        return new Evaluator(params, keys, limbs, accelerator);
    }

    /** The same keys with every operation on the host (a reference for the accelerator, or a CPU side of a benchmark). */
    public Evaluator hostOnly() {
        return accelerator == null ? this : new Evaluator(params, keys, limbs, null);
    }

    /** The accelerator's name, or "host" when every operation runs on the host. */
    public String runsOn() {
        return resident == null ? "host" : resident.name();
    }

    public Ciphertext add(Ciphertext a, Ciphertext b) {
        Operands.requireCompatible("add", a, b);
        if (accelerated(a, b)) return resident.add(a, b, false);
        Ciphertext out = Ciphertext.zeros(Math.max(a.degree(), b.degree()), a.level(), ring.n(), a.scale());
        add(a, b, out);
        return out;
    }

    /**
     * a + b written into {@code destination}, a ciphertext of the result's degree and level that the caller reuses
     * (SEAL's {@code add(a, b, destination)}); it may be a or b. Adding is so cheap that a fresh result's memory
     * costs more than the sum (the JVM's first touch of new heap pages, 2-12 µs per 4 KB page on a virtual machine).
     */
    public void add(Ciphertext a, Ciphertext b, Ciphertext destination) {
        Operands.requireCompatible("add", a, b);
        if (b.degree() > a.degree()) {
            add(b, a, destination);
            return;
        }
        if (destination.degree() != a.degree() || destination.level() != a.level()) {
            throw new IllegalArgumentException("cannot add into a ciphertext of degree " + destination.degree() + " at level "
                    + destination.level() + ": the sum has degree " + a.degree() + " and level " + a.level());
        }
        if (accelerated(a, b)) {
            if (destination == a || destination == b) resident.addInPlace(destination, destination == a ? b : a, false);
            else resident.addInto(a, b, destination);
        } else {
            host.add(a, b, destination);
        }
        destination.setScale(a.scale());
    }

    public void addInPlace(Ciphertext a, Ciphertext b) {
        Operands.requireCompatible("add", a, b);
        if (accelerated(a, b)) resident.addInPlace(a, b, false);
        else host.combine(a, b, false);
    }

    public Ciphertext sub(Ciphertext a, Ciphertext b) {
        Operands.requireCompatible("subtract", a, b);
        if (accelerated(a, b)) return resident.add(a, b, true);
        Ciphertext out = a.copy();
        host.combine(out, b, true);
        return out;
    }

    public void subInPlace(Ciphertext a, Ciphertext b) {
        Operands.requireCompatible("subtract", a, b);
        if (accelerated(a, b)) resident.addInPlace(a, b, true);
        else host.combine(a, b, true);
    }

    /** Whether a two-operand operation runs on the accelerator: operands of one degree, one of them already there. */
    private boolean accelerated(Ciphertext a, Ciphertext b) {
        return resident != null && a.degree() == b.degree() && (a.isResident() || b.isResident());
    }

    public Ciphertext negate(Ciphertext a) {
        if (resident != null && a.isResident()) return resident.mulConst(a, Operands.perPrime(a.level(), i -> ring.modulus(i).q - 1), a.scale());
        return host.negate(a);
    }

    public Ciphertext addPlain(Ciphertext a, Plaintext p) {
        Operands.requireSameScale("add a plaintext", a.scale(), p.scale());
        Operands.requireLevel("add a plaintext", a.level(), p.level());
        if (resident != null && a.isResident()) return resident.addPlain(a, p);
        return host.addPlain(a, p);
    }

    /** Multiplies by a plaintext; the result's scale is the product of the two scales. */
    public Ciphertext mulPlain(Ciphertext a, Plaintext p) {
        Operands.requireLevel("multiply by a plaintext", a.level(), p.level());
        if (resident != null && a.isResident()) return resident.mulPlain(a, p);
        return host.mulPlain(a, p);
    }

    /**
     * acc += a p, in place: a sum of plaintext products (a linear transform's inner sum) in one pass per term, without
     * the product's fresh rows. acc's scale must be the product's.
     */
    public void mulPlainAdd(Ciphertext a, Plaintext p, Ciphertext acc) {
        if (acc.degree() < a.degree()) throw new IllegalArgumentException("cannot add a degree-" + a.degree() + " product into a degree-" + acc.degree() + " sum");
        Operands.requireLevel("multiply by a plaintext", a.level(), p.level());
        Operands.requireLevel("add", acc.level(), a.level());
        Operands.requireSameScale("add", acc.scale(), a.scale() * p.scale());
        if (resident != null && acc.degree() == a.degree() && (a.isResident() || acc.isResident())) {
            resident.mulPlainAdd(a, p, acc);
            return;
        }
        host.mulPlainAdd(a, p, acc);
    }

    /**
     * The sum of cs[i] ps[i]: a linear transform's inner sum. Where an accelerator holds one of the ciphertexts, the
     * whole sum is one of its operations (one pass over the terms instead of one launch per term); on the host, a
     * product and products added in place, as {@link #mulPlainAdd} does.
     */
    public Ciphertext mulPlainSum(List<Ciphertext> cs, List<Plaintext> ps) {
        if (cs.isEmpty() || cs.size() != ps.size()) {
            throw new IllegalArgumentException("a sum of products needs as many plaintexts as ciphertexts, at least one: got " + cs.size() + " and " + ps.size());
        }
        Ciphertext first = cs.getFirst();
        double scale = first.scale() * ps.getFirst().scale();
        for (int i = 0; i < cs.size(); i++) {
            Ciphertext c = cs.get(i);
            if (c.degree() != first.degree()) throw new IllegalArgumentException("cannot sum products of degree " + first.degree() + " and " + c.degree());
            Operands.requireLevel("add", first.level(), c.level());
            Operands.requireLevel("multiply by a plaintext", c.level(), ps.get(i).level());
            Operands.requireSameScale("add", scale, c.scale() * ps.get(i).scale());
        }
        if (resident != null && cs.stream().anyMatch(Ciphertext::isResident)) return resident.mulPlainSum(cs, ps);
        Ciphertext sum = mulPlain(first, ps.getFirst());
        for (int i = 1; i < cs.size(); i++) mulPlainAdd(cs.get(i), ps.get(i), sum);
        return sum;
    }

    /** Adds a real constant to every slot. */
    public Ciphertext addConst(Ciphertext a, double constant) {
        long scaled = Math.round(constant * a.scale());
        if (resident != null && a.isResident()) return resident.addConst(a, Operands.perPrime(a.level(), i -> ring.modulus(i).reduce(scaled)));
        return host.addConst(a, scaled);
    }

    /**
     * Multiplies every slot by a real constant, encoded at {@code constantScale}; the result's scale is multiplied
     * by it (pick the next rescaling prime to get the scale back after a rescale).
     */
    public Ciphertext mulConst(Ciphertext a, double constant, double constantScale) {
        long scaled = Math.round(constant * constantScale);
        if (resident != null && a.isResident()) {
            return resident.mulConst(a, Operands.perPrime(a.level(), i -> ring.modulus(i).reduce(scaled)), a.scale() * constantScale);
        }
        return host.mulConst(a, scaled, a.scale() * constantScale);
    }

    /** The tensor product: degree 2, scale a.scale * b.scale. */
    public Ciphertext multiply(Ciphertext a, Ciphertext b) {
        Operands.requireLevel("multiply", a.level(), b.level());
        if (a.degree() != 1 || b.degree() != 1) throw new IllegalArgumentException("cannot multiply: relinearize degree-2 inputs first");
        if (resident != null && (a.isResident() || b.isResident())) return resident.multiply(a, b);
        return host.multiply(a, b);
    }

    public Ciphertext relinearize(Ciphertext c) {
        if (c.degree() == 1) return c.copy();
        if (resident != null && c.isResident() && resident.take(List.of(relinearizationKey()))) return resident.relinearize(c, relinearizationKey());
        long[][][] switched = switcher.switchKey(c.readPoly(2), c.level(), relinearizationKey());
        for (int i = 0; i <= c.level(); i++) {
            Modulus m = ring.modulus(i);
            PolyMath.add(c.readPoly(0)[i], switched[0][i], switched[0][i], m);
            PolyMath.add(c.readPoly(1)[i], switched[1][i], switched[1][i], m);
        }
        return new Ciphertext(switched, c.level(), c.scale());
    }

    public Ciphertext mulRelin(Ciphertext a, Ciphertext b) {
        Operands.requireLevel("multiply", a.level(), b.level());
        if (a.degree() != 1 || b.degree() != 1) throw new IllegalArgumentException("cannot multiply: relinearize degree-2 inputs first");
        if (resident != null && resident.take(List.of(relinearizationKey()))) return resident.mulRelin(a, b, relinearizationKey());
        return relinearize(multiply(a, b));
    }

    /**
     * {@code rescale(relinearize(c))} with one division by P q_level instead of ModDown then rescale (one rounding for
     * two, the same noise or less): per component, level + 1 fewer forward transforms. The result may differ from the
     * two steps' by one in a coefficient (the rounding), never in what it decrypts to beyond that.
     */
    public Ciphertext relinearizeRescale(Ciphertext c) {
        if (c.degree() == 1) return rescale(c);
        Operands.requireRescalable(c);
        int level = c.level();
        if (resident != null && c.isResident() && resident.take(List.of(relinearizationKey()))) {
            return resident.relinearizeRescale(c, relinearizationKey(), ring.modulus(level).q);
        }
        KeySwitcher.Undivided switched = switcher.switchKeyUndivided(c.readPoly(2), level, relinearizationKey());
        long[][][] polys = new long[2][][];
        for (int d = 0; d < 2; d++) {
            switcher.conversion().divideByPAndLastPrime(c.readPoly(d), switched.q()[d], level, switched.p()[d]);
            polys[d] = java.util.Arrays.copyOf(switched.q()[d], level);
        }
        return new Ciphertext(polys, level - 1, c.scale() / ring.modulus(level).q);
    }

    /** {@code rescale(mulRelin(a, b))} through {@link #relinearizeRescale}. */
    public Ciphertext mulRelinRescale(Ciphertext a, Ciphertext b) {
        if (resident != null && a.level() == b.level() && a.degree() == 1 && b.degree() == 1 && a.level() > 0
                && resident.take(List.of(relinearizationKey()))) {
            return resident.mulRelinRescale(a, b, relinearizationKey(), ring.modulus(a.level()).q);
        }
        return relinearizeRescale(multiply(a, b));
    }

    /** The accelerated operations, or null: the extended basis's too. */
    ResidentOperations resident() {
        return resident;
    }

    private SwitchingKey relinearizationKey() {
        return keys.relinearization().orElseThrow(() -> new IllegalStateException("cannot relinearize: no relinearisation key was given"));
    }

    /** Divides by the last prime of the level: level - 1, scale / q_level. */
    public Ciphertext rescale(Ciphertext c) {
        Operands.requireRescalable(c);
        int level = c.level();
        // cheap on the host: worth the accelerator only for rows already there (an upload would cost more)
        if (c.degree() == 1 && resident != null && c.isResident()) return resident.rescale(c, ring.modulus(level).q);
        long[][][] polys = new long[c.degree() + 1][][];
        for (int d = 0; d <= c.degree(); d++) polys[d] = switcher.conversion().divideByLastPrime(c.readPoly(d), level);
        return new Ciphertext(polys, level - 1, c.scale() / ring.modulus(level).q);
    }

    /** Drops to a lower level without dividing (the scale is unchanged). */
    public Ciphertext dropLevel(Ciphertext c, int targetLevel) {
        if (targetLevel > c.level() || targetLevel < 0) {
            throw new IllegalArgumentException("cannot drop from level " + c.level() + " to " + targetLevel);
        }
        if (resident != null && c.isResident()) return resident.dropLevel(c, targetLevel);
        return host.dropLevel(c, targetLevel);
    }

    /** Rotates the slots left by {@code steps} (negative: right). */
    public Ciphertext rotate(Ciphertext c, int steps) {
        return applyGalois(c, Galois.rotationElement(steps, ring.logN()));
    }

    public Ciphertext conjugate(Ciphertext c) {
        return applyGalois(c, Galois.conjugationElement(ring.logN()));
    }

    /** Several rotations of one ciphertext sharing a single decomposition (hoisting). */
    public Map<Integer, Ciphertext> rotateHoisted(Ciphertext c, List<Integer> steps) {
        Operands.requireDegreeOne("rotate", c);
        List<SwitchingKey> galoisKeys = new ArrayList<>();
        for (int step : steps) galoisKeys.add(galoisKey(Galois.rotationElement(step, ring.logN()), "rotate by " + step));
        if (resident != null && resident.take(galoisKeys)) return resident.rotateHoisted(c, steps, galoisKeys);
        Map<Integer, Ciphertext> out = new LinkedHashMap<>();
        long[][][] digits = switcher.decompose(c.readPoly(1), c.level());
        for (int i = 0; i < steps.size(); i++) {
            SwitchingKey key = galoisKeys.get(i);
            int[] permutation = permutation(key.galoisElement());
            long[][][] switched = switcher.innerProduct(digits, permutation, c.level(), key);
            out.put(steps.get(i), finishGalois(c, permutation, switched));
        }
        return out;
    }

    private Ciphertext applyGalois(Ciphertext c, long g) {
        Operands.requireDegreeOne("rotate", c);
        SwitchingKey key = galoisKey(g, g == Galois.conjugationElement(ring.logN()) ? "conjugate" : "rotate");
        if (resident != null && resident.take(List.of(key))) return resident.applyGalois(c, key);
        int[] permutation = permutation(g);
        int n = ring.n();
        long[][] rotatedC1 = new long[c.level() + 1][n];
        for (int i = 0; i <= c.level(); i++) Galois.apply(c.readPoly(1)[i], permutation, rotatedC1[i]);
        long[][][] switched = switcher.switchKey(rotatedC1, c.level(), key);
        return finishGalois(c, permutation, switched);
    }

    /** (c_0(X^g) + d_0, d_1): the switched rows are fresh, so they become the result's rows. */
    private Ciphertext finishGalois(Ciphertext c, int[] permutation, long[][][] switched) {
        long[] rotated = new long[ring.n()];
        for (int i = 0; i <= c.level(); i++) {
            Galois.apply(c.readPoly(0)[i], permutation, rotated);
            PolyMath.add(rotated, switched[0][i], switched[0][i], ring.modulus(i));
        }
        return new Ciphertext(switched, c.level(), c.scale());
    }

    SwitchingKey galoisKey(long g, String action) {
        SwitchingKey key = keys.galois().get(g);
        if (key == null) throw new IllegalStateException("cannot " + action + ": no Galois key for element " + g + " was generated");
        return key;
    }

    int[] permutation(long g) {
        return permutations.computeIfAbsent(g, element -> Galois.nttPermutation(element, ring.logN()));
    }

    public Parameters parameters() {
        return params;
    }

    /** The evaluation keys this evaluator holds. */
    public EvaluationKeys keys() {
        return keys;
    }
}
