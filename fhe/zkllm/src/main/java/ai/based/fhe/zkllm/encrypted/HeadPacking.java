package ai.based.fhe.zkllm.encrypted;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a layer's kept attention heads sit in the F feature lanes, and how many causal offsets one ciphertext then
 * carries: the kept heads' lanes, rounded up to a power of two, form a copy; F / copyWidth copies fill the lanes, and
 * copy i works on offset base + i. This is how Cerberus Squeezing turns pruned heads into encrypted time: with 2 of 4
 * heads kept, every rotation and product of the offset loop serves two offsets, with 1 kept four, with none the loop is
 * gone. Keys and values of copy i are computed from the input shifted i tokens, so one rotation by the base shifts
 * every copy to its own offset.
 */
public record HeadPacking(int features, int headDim, List<Integer> kept, int copies) {

    /** The packing of the heads whose weights are not all zero ({@code pruned[h]} false). */
    public static HeadPacking of(int features, int headDim, boolean[] pruned) {
        List<Integer> kept = new ArrayList<>();
        for (int h = 0; h < pruned.length; h++) if (!pruned[h]) kept.add(h);
        int width = kept.isEmpty() ? features : Integer.highestOneBit(kept.size() * headDim - 1) << 1;
        if (kept.size() * headDim == 1) width = 1;
        return new HeadPacking(features, headDim, List.copyOf(kept), Math.max(1, features / Math.min(width, features)));
    }

    public boolean empty() {
        return kept.isEmpty();
    }

    public int copyWidth() {
        return features / copies;
    }

    /** Lanes that hold a kept head in copy 0: where the attention output lives after the copies are folded. */
    public int activeLanes() {
        return kept.size() * headDim;
    }

    /** The original column feeding lane {@code lane} of copy {@code copy} (-1: none). */
    public int source(int copy, int lane) {
        int offset = lane - copy * copyWidth();
        if (offset < 0 || offset >= activeLanes()) return -1;
        return kept.get(offset / headDim) * headDim + offset % headDim;
    }

    /** Columns of {@code block} (F × F, columns = features) moved to the lanes of {@code copy}, or of every copy (copy -1). */
    public double[][] columns(double[][] block, int copy) {
        double[][] out = new double[features][features];
        for (int lane = 0; lane < features; lane++) {
            int src = copy < 0 ? source(lane / copyWidth(), lane) : source(copy, lane);
            if (src < 0) continue;
            for (int r = 0; r < features; r++) out[r][lane] = block[r][src];
        }
        return out;
    }

    public double[] columns(double[] bias, boolean everyCopy) {
        double[] out = new double[features];
        for (int lane = 0; lane < features; lane++) {
            int src = source(everyCopy ? lane / copyWidth() : 0, lane);
            if (src >= 0) out[lane] = bias[src];
        }
        return out;
    }

    /** Rows of the output projection read from copy 0's lanes. */
    public double[][] rows(double[][] block) {
        double[][] out = new double[features][];
        for (int lane = 0; lane < features; lane++) {
            int src = source(0, lane);
            out[lane] = src < 0 ? new double[features] : block[src].clone();
        }
        return out;
    }
}
