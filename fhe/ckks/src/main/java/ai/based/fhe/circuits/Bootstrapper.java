package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.KeySwitcher;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CKKS bootstrapping (Cheon, Han, Kim, Kim, Song 2018; sparse slots after Chen, Chillotti, Song 2019; the sparse
 * secret encapsulated as Lattigo does): a ciphertext at any level comes back at {@link #outputLevel()} with its
 * slots kept up to the error {@link BootstrapPrecision} states.
 * <ol>
 * <li>Key-switch at level 0 to the ephemeral sparse secret s' (a key modulo q_0 P only), ModRaise (the residues
 * mod q_0 lifted, centred, to every prime: the plaintext becomes m + q_0 I with I small because s' is sparse), and
 * key-switch back to s at the top level.
 * <li>SubSum (sparse slots): the trace over the rotations by n 2^i keeps the coefficients at multiples of N/(2n)
 * (times N/(2n)), i.e. the polynomial in Y = X^(N/2n) that n slots hold.
 * <li>CoeffsToSlots: the inverse decoding map in its factored form, levels given; slot j holds
 * (t_j + i t_(j+n)) / q_0 in bit-reversed order. The real and imaginary parts are split by one conjugation.
 * <li>EvalMod on each part: sin(2 pi x) / (2 pi), which removes I and leaves m / q_0.
 * <li>SlotsToCoeffs: the decoding map, which turns the coefficients back into slots, landing on the default scale.
 * </ol>
 */
public final class Bootstrapper {
    private final BootstrapParameters bootParams;
    private final Parameters params;
    private final RingContext ring;
    private final Evaluator evaluator;
    private final Encoder encoder;
    private final KeySwitcher switcher;
    private final BootstrappingKeys keys;
    private final List<DiagonalTransform> coeffsToSlots;
    private final List<DiagonalTransform> slotsToCoeffs;
    private final EvalMod evalMod;

    public Bootstrapper(Parameters params, BootstrapParameters bootParams, BootstrappingKeys keys) {
        this(params, bootParams, keys, LimbParallelism.INLINE);
    }

    /** With per-limb work (key switches, rescales) spread over {@code limbs}. */
    public Bootstrapper(Parameters params, BootstrapParameters bootParams, BootstrappingKeys keys, LimbParallelism limbs) {
        if (params.logN() != bootParams.ckks().logN() || !params.literal().equals(bootParams.ckks())) {
            throw new IllegalArgumentException("the CKKS parameters are not the bootstrapping set's: " + params);
        }
        this.bootParams = bootParams;
        this.params = params;
        this.ring = params.ring();
        this.keys = keys;
        this.evaluator = new Evaluator(params, keys.evaluation(), limbs);
        // the transforms' diagonals repeat with the bootstrapped slots' period: a sparse encoder makes them in its subring
        this.encoder = new Encoder(params, bootParams.slots());
        this.switcher = new KeySwitcher(ring, limbs);
        this.coeffsToSlots = transforms(SlotDft.coeffsToSlots(bootParams.slots(), bootParams.coeffsToSlotsLevels()));
        this.slotsToCoeffs = transforms(SlotDft.slotsToCoeffs(bootParams.slots(), bootParams.slotsToCoeffsLevels()));
        this.evalMod = new EvalMod(bootParams.k(), bootParams.sineDegree(), bootParams.doubleAngles());
    }

    /** The Galois elements bootstrapping with these parameters needs keys for (conjugation included). */
    public static List<Long> galoisElements(BootstrapParameters bootParams) {
        return new ArrayList<>(galoisKeyLevels(bootParams).keySet());
    }

    /**
     * Each Galois element bootstrapping needs, with the highest level it is used at: SubSum and CoeffsToSlots run at
     * the top, the conjugation where EvalMod starts, SlotsToCoeffs below EvalMod, so its keys can leave out the primes
     * above (see KeyGenerator#galoisKey(SecretKey, long, int)).
     */
    public static Map<Long, Integer> galoisKeyLevels(BootstrapParameters bootParams) {
        int logN = bootParams.ckks().logN();
        int n = bootParams.slots();
        int top = bootParams.ckks().logQ().size() - 1;
        int evalModStart = top - bootParams.coeffsToSlotsLevels();
        int slotsToCoeffsStart = evalModStart - evalModDepth(bootParams);
        TreeMap<Long, Integer> levels = new TreeMap<>();
        for (DiagonalTransform t : transforms(SlotDft.slotsToCoeffs(n, bootParams.slotsToCoeffsLevels()))) {
            for (int step : t.rotationSteps()) levels.put(Galois.rotationElement(step, logN), slotsToCoeffsStart);
        }
        levels.merge(Galois.conjugationElement(logN), evalModStart, Math::max);
        for (int step = n; step < (1 << (logN - 1)); step <<= 1) levels.put(Galois.rotationElement(step, logN), top);
        for (DiagonalTransform t : transforms(SlotDft.coeffsToSlots(n, bootParams.coeffsToSlotsLevels()))) {
            for (int step : t.rotationSteps()) levels.put(Galois.rotationElement(step, logN), top);
        }
        levels.remove(1L);
        return levels;
    }

    private static List<DiagonalTransform> transforms(List<DiagonalMatrix> matrices) {
        return matrices.stream().map(DiagonalTransform::new).toList();
    }

    /** The evaluator bootstrapping uses (it holds the evaluation keys), for the computation around it. */
    public Evaluator evaluator() {
        return evaluator;
    }

    public EvalMod evalMod() {
        return evalMod;
    }

    /** The level bootstrapped ciphertexts come back at: what is left for the model. */
    public int outputLevel() {
        return outputLevel(bootParams);
    }

    /** The level bootstrapping with {@code bootParams} returns to, known before any key exists. */
    public static int outputLevel(BootstrapParameters bootParams) {
        int top = bootParams.ckks().logQ().size() - 1;
        return top - bootParams.coeffsToSlotsLevels() - evalModDepth(bootParams) - bootParams.slotsToCoeffsLevels();
    }

    /** Levels EvalMod consumes: the interpolant (one for its change of variable, then its BSGS), then one per double angle. */
    public int evalModDepth() {
        return evalModDepth(bootParams);
    }

    private static int evalModDepth(BootstrapParameters bootParams) {
        return PolynomialEvaluator.chebyshevDepth(bootParams.sineDegree()) + bootParams.doubleAngles();
    }

    /** The error bound of {@link BootstrapPrecision} for messages |z| <= 1 bootstrapped from {@code inputScale}. */
    public double errorBound(double inputScale) {
        return BootstrapPrecision.errorBound(params, bootParams, evalMod, evalModDepth(), inputScale);
    }

    /**
     * A fresh ciphertext at {@link #outputLevel()} and the default scale with the same slots as {@code ct}, for slot
     * values of magnitude at most about 1 (the error bound assumes |z| <= 1). With n < N/2 bootstrapped slots the
     * input's slots must repeat with period n (the sparse layout); otherwise SubSum leaves in each slot the average
     * of its residue class mod n.
     */
    public Ciphertext bootstrap(Ciphertext ct) {
        if (ct.degree() != 1) throw new IllegalArgumentException("cannot bootstrap a degree-" + ct.degree() + " ciphertext: relinearize first");
        if (outputLevel() < 0) throw new IllegalStateException("the parameters leave no level after bootstrapping");
        double inputScale = ct.scale();
        long q0 = ring.modulus(0).q;
        if (inputScale > q0 / 64.0) {
            throw new IllegalArgumentException(String.format("cannot bootstrap at scale 2^%.1f: it must be far below q_0 "
                    + "(2^%.1f) for the sine to be linear around the message", log2(inputScale), log2(q0)));
        }
        Ciphertext c = switchKey(evaluator.dropLevel(ct, 0), keys.toSparse());
        c = switchKey(modRaise(c), keys.fromSparse());
        int gap = params.slots() / bootParams.slots();
        // after SubSum the slots hold gap * decode(t) / scale: with scale q_0 gap, CoeffsToSlots yields t / q_0
        c.setScale((double) q0 * gap);
        for (int step = bootParams.slots(); step < params.slots(); step <<= 1) c = evaluator.add(c, evaluator.rotate(c, step));
        // EvalMod's products keep their scale only if it starts at the prime they divide by (it squares otherwise);
        // the real and imaginary parts are read at twice the scale, so CoeffsToSlots aims at half of it
        double evalModScale = ring.modulus(c.level() - coeffsToSlots.size()).q;
        c = applyAll(coeffsToSlots, c, evalModScale / 2);
        Ciphertext conjugate = evaluator.conjugate(c);
        Ciphertext real = evaluator.add(c, conjugate);
        real.setScale(real.scale() * 2);
        Ciphertext imaginary = evaluator.negate(timesI(evaluator.sub(c, conjugate)));
        imaginary.setScale(imaginary.scale() * 2);
        real = evalMod.apply(evaluator, real);
        imaginary = evalMod.apply(evaluator, imaginary);
        Ciphertext y = evaluator.add(real, timesI(imaginary));
        // sin(2 pi x) = 2 pi m / q_0: read it as m / inputScale, the message at unit scale, without a multiplication
        y.setScale(y.scale() * 2 * Math.PI * inputScale / q0);
        return applyAll(slotsToCoeffs, y, params.defaultScale());
    }

    /** Applies the transforms, spreading the move from the current scale to {@code targetScale} over their levels. */
    private Ciphertext applyAll(List<DiagonalTransform> transforms, Ciphertext c, double targetScale) {
        for (int i = 0; i < transforms.size(); i++) {
            double ratio = Math.pow(targetScale / c.scale(), 1.0 / (transforms.size() - i));
            c = transforms.get(i).apply(evaluator, encoder, c, ratio);
        }
        c.setScale(targetScale); // equal up to the double rounding of the ratios
        return c;
    }

    /** The residues modulo q_0, read as centred integers, written modulo every prime of the top level. */
    private Ciphertext modRaise(Ciphertext c) {
        int top = params.maxLevel();
        int n = ring.n();
        long q0 = ring.modulus(0).q;
        long[][][] polys = new long[2][top + 1][n];
        for (int d = 0; d < 2; d++) {
            long[] coefficients = c.readPoly(d)[0].clone();
            ring.inverse(0, coefficients);
            for (int i = 0; i <= top; i++) switcher.conversion().liftInto(coefficients, q0, i, polys[d][i]);
        }
        return new Ciphertext(polys, top, c.scale());
    }

    private Ciphertext switchKey(Ciphertext c, SwitchingKey key) {
        long[][][] switched = switcher.switchKey(c.readPoly(1), c.level(), key);
        for (int i = 0; i <= c.level(); i++) {
            var m = ring.modulus(i);
            long[] c0 = c.readPoly(0)[i];
            for (int k = 0; k < ring.n(); k++) switched[0][i][k] = m.add(switched[0][i][k], c0[k]);
        }
        return new Ciphertext(switched, c.level(), c.scale());
    }

    /** Times i in every slot: the monomial X^(N/2), exact (encoded at scale 1, it costs no level). */
    private Ciphertext timesI(Ciphertext c) {
        double[] ones = new double[encoder.slots()];
        java.util.Arrays.fill(ones, 1);
        Plaintext i = encoder.encode(new double[encoder.slots()], ones, c.level(), 1);
        Ciphertext out = evaluator.mulPlain(c, i);
        out.setScale(c.scale());
        return out;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
