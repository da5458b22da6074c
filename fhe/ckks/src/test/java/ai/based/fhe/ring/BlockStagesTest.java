package ai.based.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transforms' stages at distance 4, 2 and 1 in each regrouping this build and JVM have: the one the transforms
 * run ({@link BlockStages#FASTEST}, whose whole transforms {@code NttTest} checks) and the JDK 21 fallback, which
 * nothing else runs on a JDK 25 build.
 */
class BlockStagesTest {

    @Test
    void theJdk25RegroupingIsTheOneChosenWhereItWasBuilt() {
        boolean built = BlockStagesTest.class.getClassLoader().getResource("ai/based/fhe/ring/SelectBlockStages.class") != null;
        System.out.println("BlockStages: " + BlockStages.FASTEST.name() + " (SelectBlockStages "
                + (built ? "built" : "not built: this build's JDK is older than 25") + ", JVM " + Runtime.version().feature() + ")");
        boolean runnable = built && Runtime.version().feature() >= 25;
        assertThat(BlockStages.FASTEST.getClass().getSimpleName()).isEqualTo(runnable ? "SelectBlockStages" : "ShuffleBlockStages");
    }

    @Test
    void everyRegroupingComputesEachBlockStageLikeScalarButterflies() {
        MachineBackends.assumeAvx512("everyRegroupingComputesEachBlockStageLikeScalarButterflies");
        for (BlockStages stages : regroupings()) {
            for (long q : NttTest.primes(10)) {
                Modulus m = new Modulus(q);
                Ntt ntt = new Ntt(m, 10);
                int n = ntt.n();
                for (BlockStages.Block block : List.of(BlockStages.Block.BY_4, BlockStages.Block.BY_2, BlockStages.Block.BY_1)) {
                    int t = Lanes.LENGTH / block.groupsPerBlock();
                    int groups = n / (2 * t);
                    long[] a = lazyInput(n, q, 4, "forward" + t + q);
                    long[] forward = a.clone();
                    stages.forward(block).run(ntt, forward, groups, t);
                    assertStage(forward, butterflies(a, ntt.psiRev(), groups, t, m, true), 4 * q, q, stages.name() + " forward t=" + t);
                    long[] b = lazyInput(n, q, 2, "inverse" + t + q);
                    long[] inverse = b.clone();
                    stages.inverse(block).run(ntt, inverse, groups, t);
                    assertStage(inverse, butterflies(b, ntt.psiInvRev(), groups, t, m, false), 2 * q, q, stages.name() + " inverse t=" + t);
                }
            }
        }
    }

    private static List<BlockStages> regroupings() {
        List<BlockStages> all = new ArrayList<>(List.of(new ShuffleBlockStages()));
        if (!(BlockStages.FASTEST instanceof ShuffleBlockStages)) all.add(BlockStages.FASTEST);
        else System.out.println("SKIPPED on this machine: SelectBlockStages (needs a JDK 25 build and JVM)");
        return all;
    }

    /** Values anywhere in [0, multiple q), a stage's lazy input range (4q forward, 2q inverse), its top included. */
    private static long[] lazyInput(int n, long q, int multiple, String name) {
        long[] a = new long[n];
        TestRandomness.named(name).uniform(a, new Modulus(q));
        for (int i = 0; i < n; i++) a[i] += (i % multiple) * q;
        a[n - 1] = multiple * q - 1;
        return a;
    }

    /** One stage of Cooley-Tukey (forward) or Gentleman-Sande (inverse) butterflies, fully reduced. */
    private static long[] butterflies(long[] a, long[] w, int groups, int t, Modulus m, boolean forward) {
        long[] out = new long[a.length];
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < t; k++) {
                int j = 2 * g * t + k;
                long u = m.reduce64(a[j]);
                long v = m.reduce64(a[j + t]);
                if (forward) {
                    v = m.mul(v, w[groups + g]);
                    out[j] = m.add(u, v);
                    out[j + t] = m.sub(u, v);
                } else {
                    out[j] = m.add(u, v);
                    out[j + t] = m.mul(m.sub(u, v), w[groups + g]);
                }
            }
        }
        return out;
    }

    private static void assertStage(long[] lazy, long[] expected, long bound, long q, String what) {
        for (int i = 0; i < lazy.length; i++) {
            assertThat(lazy[i]).as("%s, q = %d, index %d below its lazy bound", what, q, i).isNotNegative().isLessThan(bound);
            assertThat(lazy[i] % q).as("%s, q = %d, index %d", what, q, i).isEqualTo(expected[i]);
        }
    }
}
