package ai.based.oracle.enforcer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Node histories with a learnable pattern the last value cannot follow: each node's contribution swings with period 4
 * around its own level (a phase per node) plus small noise; the other features are noise, except the Brain emission, which tracks
 * the level (something for the variable selection to find).
 */
final class SyntheticSeries {
    private SyntheticSeries() {}

    static List<NodeSeries> periodic(int nodes, int epochs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NodeSeries> out = new ArrayList<>();
        for (int uid = 0; uid < nodes; uid++) {
            double level = 0.5 + random.nextDouble();
            int phase = random.nextInt(4);
            double[][] rows = new double[epochs][];
            for (int e = 0; e < epochs; e++) {
                double contribution = level + 0.4 * Math.sin(Math.PI / 2 * (e + phase)) + 0.02 * (random.nextDouble() - 0.5);
                rows[e] = new double[] {contribution, random.nextDouble(), 1, 10 + random.nextDouble(), 5 + level, Math.log1p(nodes)};
            }
            out.add(new NodeSeries(7, uid, 0, 0, rows, new double[] {Math.log1p(nodes), Math.log1p(4)}));
        }
        return out;
    }
}
