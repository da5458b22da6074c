package ai.based.fhe.circuits;

import java.util.ArrayList;
import java.util.List;

/**
 * The CKKS decoding map of n slots, z_k = sum_(j<n) w_j zeta^(5^k j) with zeta = exp(i pi / (2n)), factored into
 * log2 n butterfly stages (Han and Ki's special FFT, without its bit reversal): on input slots holding w in
 * bit-reversed order, stage len (2, 4, .., n) maps (u, v) at positions (i + j, i + j + len/2) to
 * (u + xi_j v, u - xi_j v), xi_j = exp(2 pi i (5^j mod 4 len) / (4 len)). Each stage has three diagonals (offsets 0
 * and +-len/2); merging consecutive stages into one matrix per level gives the level budget. SlotsToCoeffs is this
 * map; CoeffsToSlots is its inverse (stages undone in reverse order, each with a factor 1/2), which leaves w in
 * bit-reversed order: EvalMod works slot by slot, so SlotsToCoeffs takes it back in that order.
 */
public final class SlotDft {
    private SlotDft() {}

    /** SlotsToCoeffs as {@code levels} matrices, the first to apply first. */
    public static List<DiagonalMatrix> slotsToCoeffs(int n, int levels) {
        List<DiagonalMatrix> stages = new ArrayList<>();
        for (int len = 2; len <= n; len <<= 1) stages.add(stage(n, len, false));
        return merge(stages, levels);
    }

    /** CoeffsToSlots, the inverse of {@link #slotsToCoeffs}, as {@code levels} matrices, the first to apply first. */
    public static List<DiagonalMatrix> coeffsToSlots(int n, int levels) {
        List<DiagonalMatrix> stages = new ArrayList<>();
        for (int len = n; len >= 2; len >>= 1) stages.add(stage(n, len, true));
        return merge(stages, levels);
    }

    private static DiagonalMatrix stage(int n, int len, boolean inverse) {
        DiagonalMatrix m = new DiagonalMatrix(n);
        int half = len / 2;
        int quarter = 4 * len;
        long power = 1; // 5^j mod 4 len
        double[] xiRe = new double[half];
        double[] xiIm = new double[half];
        for (int j = 0; j < half; j++) {
            double angle = 2 * Math.PI * power / quarter;
            xiRe[j] = Math.cos(angle);
            xiIm[j] = Math.sin(angle);
            power = power * 5 % quarter;
        }
        for (int i = 0; i < n; i += len) {
            for (int j = 0; j < half; j++) {
                int top = i + j;
                int bottom = top + half;
                if (!inverse) {
                    m.add(0, top, 1, 0);
                    m.add(half, top, xiRe[j], xiIm[j]);
                    m.add(-half, bottom, 1, 0);
                    m.add(0, bottom, -xiRe[j], -xiIm[j]);
                } else {
                    // u = (u' + v') / 2, v = conj(xi) (u' - v') / 2
                    m.add(0, top, 0.5, 0);
                    m.add(half, top, 0.5, 0);
                    m.add(-half, bottom, xiRe[j] / 2, -xiIm[j] / 2);
                    m.add(0, bottom, -xiRe[j] / 2, xiIm[j] / 2);
                }
            }
        }
        return m;
    }

    /** Consecutive stages merged into {@code levels} groups as even as possible (the earlier groups take the extra). */
    private static List<DiagonalMatrix> merge(List<DiagonalMatrix> stages, int levels) {
        if (levels < 1 || levels > stages.size()) {
            throw new IllegalArgumentException("the level budget must be in 1.." + stages.size() + " for " + stages.size() + " stages");
        }
        List<DiagonalMatrix> out = new ArrayList<>();
        int next = 0;
        for (int g = 0; g < levels; g++) {
            int count = stages.size() / levels + (g < stages.size() % levels ? 1 : 0);
            DiagonalMatrix group = stages.get(next++);
            for (int c = 1; c < count; c++) group = stages.get(next++).times(group);
            out.add(group);
        }
        return out;
    }
}
