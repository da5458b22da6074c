package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.Plaintext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * y_t = Σ_k x_{k,t} W_k for every token t at once, for feature-major ciphertexts x_k and square F × F plaintext
 * blocks W_k (a wider layer is several blocks: 128 → 512 is four outputs, 512 → 128 four inputs). Diagonal method
 * with baby-step giant-step over feature shifts, a shift of k features being a rotation by k × tokens slots: the
 * baby rotations of each input are hoisted and computed once, and the inner sums of all inputs share each giant
 * rotation, so a product costs (n1 - 1) baby rotations per input and F / n1 - 1 giant ones in all. The giant
 * rotations stay undivided by P (in the extended basis Q P, with the first group's sum lifted there), and their sum
 * is divided by P and rescaled at once: one ModDown per product instead of one per giant. The baby rotations are
 * divided as usual: keeping them in Q P too (double hoisting) needs every diagonal encoded over the special primes
 * as well, which measured no faster within a miner's cache budget (docs/benchmarks.md). Diagonals are encoded at the
 * input level's prime, so the result, rescaled once, has exactly the input's scale.
 */
public final class BatchedLinear {
    private final FeatureMajor layout;
    private final int babySteps;
    private final Executor encoding;
    private final DiagonalCache cache;

    public BatchedLinear(FeatureMajor layout) {
        this(layout, Runnable::run, DiagonalCache.none());
    }

    /**
     * @param encoding where diagonal plaintexts are encoded (FFT + NTT per diagonal: most of a product's time when
     *        they are not cached); a caller-sized pool spreads them, the default runs them inline
     * @param cache where encoded diagonals are kept between passes
     */
    public BatchedLinear(FeatureMajor layout, Executor encoding, DiagonalCache cache) {
        this.layout = layout;
        this.babySteps = 1 << ((Integer.numberOfTrailingZeros(layout.features()) + 1) / 2);
        this.encoding = encoding;
        this.cache = cache;
    }

    /** The rotation steps (in slots) whose Galois keys products need. */
    public List<Integer> rotationSteps() {
        List<Integer> steps = new ArrayList<>(babyRotations());
        for (int j = babySteps; j < layout.features(); j += babySteps) steps.add(j * layout.tokens());
        return steps;
    }

    private List<Integer> babyRotations() {
        List<Integer> steps = new ArrayList<>();
        for (int i = 1; i < babySteps; i++) steps.add(i * layout.tokens());
        return steps;
    }

    /** Σ_k inputs[k] · blocks[k] (blocks[k][row = input feature][column = output feature]); one level. */
    public Ciphertext apply(HeOps ops, List<Ciphertext> inputs, List<double[][]> blocks) {
        if (inputs.size() != blocks.size() || inputs.isEmpty()) {
            throw new IllegalArgumentException(inputs.size() + " inputs for " + blocks.size() + " matrix blocks");
        }
        List<Map<Integer, Ciphertext>> baby = new ArrayList<>();
        for (Ciphertext x : inputs) baby.add(ops.rotateHoisted(x, babyRotations()));
        return product(ops, inputs, baby, blocks);
    }

    /** x · blocks[i] for every block, sharing x's baby rotations: several outputs of one input (Q, K, V; logits). */
    public List<Ciphertext> applyEach(HeOps ops, Ciphertext x, List<double[][]> blocks) {
        List<List<double[][]>> outputs = new ArrayList<>();
        for (double[][] block : blocks) outputs.add(List.<double[][]>of(block));
        return applyEach(ops, List.of(x), outputs);
    }

    /**
     * Several outputs of the same inputs, each Σ_k inputs[k] · outputs[o][k], sharing the inputs' baby rotations; a
     * null block means the output does not read that input.
     */
    public List<Ciphertext> applyEach(HeOps ops, List<Ciphertext> inputs, List<List<double[][]>> outputs) {
        List<Map<Integer, Ciphertext>> baby = new ArrayList<>();
        for (Ciphertext x : inputs) baby.add(ops.rotateHoisted(x, babyRotations()));
        List<Ciphertext> out = new ArrayList<>();
        for (List<double[][]> blocks : outputs) {
            if (blocks.size() != inputs.size()) throw new IllegalArgumentException(inputs.size() + " inputs for " + blocks.size() + " matrix blocks");
            List<Ciphertext> used = new ArrayList<>();
            List<Map<Integer, Ciphertext>> usedBaby = new ArrayList<>();
            List<double[][]> usedBlocks = new ArrayList<>();
            for (int k = 0; k < blocks.size(); k++) {
                if (blocks.get(k) == null) continue;
                used.add(inputs.get(k));
                usedBaby.add(baby.get(k));
                usedBlocks.add(blocks.get(k));
            }
            out.add(product(ops, used, usedBaby, usedBlocks));
        }
        return out;
    }

    private Ciphertext product(HeOps ops, List<Ciphertext> inputs, List<Map<Integer, Ciphertext>> baby, List<double[][]> blocks) {
        Encoder encoder = ops.encoder();
        int level = inputs.getFirst().level();
        double scale = ops.evaluator().parameters().ring().modulus(level).q;
        int features = layout.features();
        ExtendedCiphertext result = null;
        for (int j = 0; j < features; j += babySteps) {
            List<CompletableFuture<Plaintext>> diagonals = new ArrayList<>();
            for (int k = 0; k < inputs.size(); k++) {
                for (int i = 0; i < babySteps; i++) {
                    double[][] block = blocks.get(k);
                    int d = j + i;
                    int g = j;
                    diagonals.add(CompletableFuture.supplyAsync(
                            () -> cache.get(block, d, g, level, () -> encoder.encode(rotatedDiagonal(block, d, g), level, scale)), encoding));
                }
            }
            List<Ciphertext> sources = new ArrayList<>();
            List<Plaintext> plains = new ArrayList<>();
            for (int k = 0; k < inputs.size(); k++) {
                for (int i = 0; i < babySteps; i++) {
                    plains.add(diagonals.get(k * babySteps + i).join());
                    sources.add(i == 0 ? inputs.get(k) : baby.get(k).get(i * layout.tokens()));
                }
            }
            Ciphertext inner = ops.mulPlainSum(sources, plains);
            ExtendedCiphertext giant = j == 0 ? ops.extend(inner) : ops.rotateExtended(inner, j * layout.tokens());
            if (result == null) result = giant;
            else ops.addInPlace(result, giant);
        }
        return ops.modDownRescale(result);
    }

    /**
     * Diagonal d, D_d[c] = W[(c + d) mod F][c] (output feature c takes input feature c + d), rotated back by the giant
     * step g: y = Σ_g rot_g(Σ_i rot_{-g}(D_{g+i}) ⊙ rot_i(x)). Repeated for every token.
     */
    private double[] rotatedDiagonal(double[][] w, int d, int g) {
        int features = layout.features();
        double[] perFeature = new double[features];
        for (int f = 0; f < features; f++) {
            int c = Math.floorMod(f - g, features);
            perFeature[f] = w[(c + d) % features][c];
        }
        return layout.perFeature(perFeature);
    }
}
