package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.ExtendedEvaluator;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.Plaintext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link DiagonalMatrix} applied to an encrypted vector (replicated with period n over the slots) by baby-step
 * giant-step: with the offsets d = (g + b) h written as giant plus baby multiples of their common stride h,
 * M x = sum_g rot_(g h)( sum_b rot_(-g h)(diag_d) * rot_(b h)(x) ). The baby rotations share one decomposition
 * (hoisted); each giant costs one rotation, whose division by P is left to the end (see {@link #apply}). One
 * level: the diagonals are encoded at the prime being rescaled away, times a ratio that moves the ciphertext's scale
 * where the caller needs it.
 */
public final class DiagonalTransform {
    private final int n;
    private final int stride;
    private final int babyCount;
    /** giant index -> baby index -> diagonal {re, im} already rotated by -giant */
    private final Map<Integer, Map<Integer, double[][]>> plan = new TreeMap<>();

    public DiagonalTransform(DiagonalMatrix matrix) {
        this.n = matrix.size();
        List<Integer> signed = new ArrayList<>();
        int gcd = 0;
        for (int offset : matrix.diagonals().keySet()) {
            int s = offset > n / 2 ? offset - n : offset;
            signed.add(s);
            gcd = gcd(gcd, Math.abs(s));
        }
        this.stride = gcd == 0 ? 1 : gcd;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int s : signed) {
            min = Math.min(min, s / stride);
            max = Math.max(max, s / stride);
        }
        int span = max - min + 1;
        int baby = 1;
        while (baby * baby < span) baby <<= 1;
        this.babyCount = baby;
        for (int s : signed) {
            int index = s / stride;
            int b = Math.floorMod(index, babyCount);
            int g = index - b;
            double[][] diagonal = matrix.diagonals().get(Math.floorMod(s, n));
            plan.computeIfAbsent(g, x -> new TreeMap<>()).put(b, rotate(diagonal, -g * stride));
        }
    }

    /** The rotation steps (slots, may be negative) whose Galois keys this transform needs. */
    public List<Integer> rotationSteps() {
        TreeSet<Integer> steps = new TreeSet<>();
        for (var giant : plan.entrySet()) {
            if (giant.getKey() != 0) steps.add(giantStep(giant.getKey()));
            for (int b : giant.getValue().keySet()) if (b != 0) steps.add(b * stride);
        }
        return new ArrayList<>(steps);
    }

    /**
     * M x, one level; the result's scale is x's times {@code scaleRatio}. Each giant group's sum accumulates its
     * diagonal products in place; the giant rotations are left undivided by P ({@link ExtendedEvaluator}), summed in
     * the extended basis Q P with the first group's sum, and divided by P and rescaled at once: one ModDown per
     * transform instead of one per giant, and no separate rescale.
     */
    public Ciphertext apply(Evaluator evaluator, Encoder encoder, Ciphertext x, double scaleRatio) {
        int level = x.level();
        double plainScale = evaluator.parameters().ring().modulus(level).q * scaleRatio;
        ExtendedEvaluator extended = evaluator.extended();
        TreeSet<Integer> babies = new TreeSet<>();
        for (var giant : plan.values()) for (int b : giant.keySet()) if (b != 0) babies.add(b * stride);
        Map<Integer, Ciphertext> rotated = babies.isEmpty() ? Map.of() : evaluator.rotateHoisted(x, new ArrayList<>(babies));
        int slots = encoder.slots();
        ExtendedCiphertext result = null;
        for (var giant : plan.entrySet()) {
            List<Ciphertext> sources = new ArrayList<>();
            List<Plaintext> plains = new ArrayList<>();
            for (var baby : giant.getValue().entrySet()) {
                double[][] d = baby.getValue();
                plains.add(encoder.encode(replicate(d[0], slots), replicate(d[1], slots), level, plainScale));
                sources.add(baby.getKey() == 0 ? x : rotated.get(baby.getKey() * stride));
            }
            Ciphertext inner = evaluator.mulPlainSum(sources, plains);
            ExtendedCiphertext g = giant.getKey() != 0 ? extended.rotate(inner, giantStep(giant.getKey())) : extended.extend(inner);
            if (result == null) result = g;
            else extended.addInPlace(result, g);
        }
        return extended.modDownRescale(result);
    }

    /**
     * A giant rotation taken mod n: on a vector replicated with period n, rotating by g or g + n is the same, and
     * the non-negative representative shares its key with the baby steps and the other transforms.
     */
    private int giantStep(int giant) {
        return Math.floorMod(giant * stride, n);
    }

    private double[][] rotate(double[][] diagonal, int shift) {
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            int from = Math.floorMod(k + shift, n);
            out[0][k] = diagonal[0][from];
            out[1][k] = diagonal[1][from];
        }
        return out;
    }

    private static double[] replicate(double[] values, int slots) {
        double[] out = new double[slots];
        for (int k = 0; k < slots; k++) out[k] = values[k % values.length];
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
