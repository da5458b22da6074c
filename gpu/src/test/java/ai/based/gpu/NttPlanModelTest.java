package ai.based.gpu;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.Ntt;
import ai.based.fhe.ring.Primes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host-side logic of the GPU NTT without a GPU: the twiddles rebuilt for upload and the head/tail split of
 * {@link NttPlan}, run here by a line-for-line Java model of the four NTT kernels of ckks_kernels.cu (block by
 * block, butterfly by butterfly), give the CPU {@link Ntt}'s residues.
 */
class NttPlanModelTest {
    @ParameterizedTest
    @ValueSource(ints = {4, 5, 10, 11, 12, 13, 14, 15, 16})
    void modelOfTheKernelsMatchesTheCpuTransform(int logN) {
        long q = Primes.ntt(logN, List.of(50)).get(0);
        Ntt ntt = new Ntt(new Modulus(q), logN);
        NttTwiddles tw = NttTwiddles.of(ntt);
        NttPlan plan = NttPlan.of(logN);
        SplittableRandom random = new SplittableRandom(logN);
        long[] row = new long[1 << logN];
        for (int i = 0; i < row.length; i++) row[i] = random.nextLong(q);

        long[] cpu = row.clone();
        ntt.forward(cpu);
        long[] model = row.clone();
        if (!plan.singlePass()) head(model, plan, tw.psiRev(), tw.psiRevShoup(), q, false, tw);
        tail(model, plan, tw.psiRev(), tw.psiRevShoup(), q, false, plan.singlePass(), tw);
        assertThat(model).isEqualTo(cpu);

        ntt.inverse(cpu);
        tail(model, plan, tw.psiInvRev(), tw.psiInvRevShoup(), q, true, plan.singlePass(), tw);
        if (!plan.singlePass()) head(model, plan, tw.psiInvRev(), tw.psiInvRevShoup(), q, true, tw);
        assertThat(model).isEqualTo(cpu).isEqualTo(row);
    }

    // ntt_forward_head / ntt_inverse_head
    private static void head(long[] a, NttPlan plan, long[] tw, long[] tws, long q, boolean inverse, NttTwiddles t) {
        int width = plan.width();
        int r = 1 << plan.logR();
        int c = width / r;
        int s = (1 << plan.logN()) >> plan.logR();
        for (int block = 0; block < plan.blocksPerRow(); block++) {
            long[] sh = new long[width];
            int colBase = block * c;
            for (int idx = 0; idx < width; idx++) sh[idx] = a[(idx / c) * s + colBase + idx % c];
            for (int stage = 0; stage < plan.logR(); stage++) {
                int h = inverse ? 1 << stage : r >> (stage + 1);
                for (int u = 0; u < width / 2; u++) {
                    int col = u % c, v = u / c;
                    int grp = v / h, off = v % h;
                    int row = grp * 2 * h + off;
                    int k = inverse ? r / (2 * h) + grp : (1 << stage) + grp;
                    butterfly(sh, row * c + col, (row + h) * c + col, tw[k], tws[k], q, inverse);
                }
            }
            for (int idx = 0; idx < width; idx++) {
                a[(idx / c) * s + colBase + idx % c] = inverse ? mulShoup(sh[idx], t.nInv(), t.nInvShoup(), q) : sh[idx];
            }
        }
    }

    // ntt_forward_tail / ntt_inverse_tail
    private static void tail(long[] a, NttPlan plan, long[] tw, long[] tws, long q, boolean inverse, boolean scale, NttTwiddles t) {
        int width = plan.width();
        int n = 1 << plan.logN();
        for (int block = 0; block < plan.blocksPerRow(); block++) {
            int base = block * width;
            for (int stage = 0; stage < plan.logT(); stage++) {
                int half = inverse ? 1 << stage : 1 << (plan.logT() - 1 - stage);
                int logTwoT = Integer.numberOfTrailingZeros(2 * half);
                for (int u = 0; u < width / 2; u++) {
                    int j = (u / half) * 2 * half + u % half;
                    int k = (n >> logTwoT) + ((base + j) >> logTwoT);
                    butterfly(a, base + j, base + j + half, tw[k], tws[k], q, inverse);
                }
            }
            if (inverse && scale) {
                for (int j = base; j < base + width; j++) a[j] = mulShoup(a[j], t.nInv(), t.nInvShoup(), q);
            }
        }
    }

    private static void butterfly(long[] s, int i0, int i1, long w, long ws, long q, boolean inverse) {
        long u = s[i0];
        if (inverse) {
            long v = s[i1];
            s[i0] = addMod(u, v, q);
            s[i1] = mulShoup(u - v + q, w, ws, q);
        } else {
            long v = mulShoup(s[i1], w, ws, q);
            s[i0] = addMod(u, v, q);
            s[i1] = u >= v ? u - v : u - v + q;
        }
    }

    private static long addMod(long a, long b, long q) {
        long s = a + b;
        return s >= q ? s - q : s;
    }

    private static long mulShoup(long x, long w, long ws, long q) {
        long r = x * w - Math.unsignedMultiplyHigh(x, ws) * q;
        return r >= q ? r - q : r;
    }
}
