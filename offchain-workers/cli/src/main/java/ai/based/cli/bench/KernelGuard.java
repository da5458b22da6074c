package ai.based.cli.bench;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.ring.CpuBackend;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.Ntt;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times each kernel of the selected compute backend against its scalar twin ({@link CpuBackend}) on rows of one
 * prime, after warm-up, so that a vector kernel the JIT failed to compile well (a Vector API call left out of line
 * boxes its vectors and runs 10-50x slower than intended) shows up as a kernel slower than scalar code.
 */
final class KernelGuard {
    /** Warm-up per kernel and backend: enough calls for C2 to compile the kernel's loop. */
    private static final long WARMUP_NANOS = 300_000_000L;
    private static final int SAMPLES = 41;

    /** One kernel: microseconds per call, vector and scalar (medians of interleaved samples). */
    record Timing(String kernel, double selectedMicros, double scalarMicros) {
        boolean slowerThanScalar() {
            return selectedMicros > scalarMicros;
        }
    }

    private KernelGuard() {}

    static List<Timing> run(RingContext ring, ComputeBackend selected) {
        ComputeBackend scalar = new CpuBackend();
        Modulus m = ring.modulus(0);
        Ntt ntt = ring.ntt(0);
        int n = ring.n();
        Sampler random = Sampler.secure(); // timing needs no reproducible inputs
        long[] a = uniform(random, n, m);
        long[] b = uniform(random, n, m);
        long[] c = uniform(random, n, m);
        long[] cShoup = new long[n];
        for (int i = 0; i < n; i++) cShoup[i] = m.shoup(c[i]);
        long[] out = new long[n];
        long[] out1 = new long[n];
        long[] out2 = new long[n];
        long constant = c[0];
        long constantShoup = m.shoup(constant);
        long source = ring.modulus(1).q;
        long[] residues = uniform(random, n, ring.modulus(1));
        long[] residues2 = uniform(random, n, m);

        Map<String, Kernel> kernels = new LinkedHashMap<>();
        kernels.put("forward_ntt", k -> { System.arraycopy(a, 0, out, 0, n); k.forwardNtt(ntt, out); });
        kernels.put("inverse_ntt", k -> { System.arraycopy(a, 0, out, 0, n); k.inverseNtt(ntt, out); });
        kernels.put("add", k -> k.add(a, b, out, m));
        kernels.put("sub", k -> k.sub(a, b, out, m));
        kernels.put("negate", k -> k.negate(a, out, m));
        kernels.put("multiply", k -> k.multiply(a, b, out, m));
        kernels.put("multiply_add", k -> k.multiplyAdd(a, b, out, m));
        kernels.put("multiply_constant", k -> k.multiplyConstant(a, constant, constantShoup, out, m));
        kernels.put("multiply_constant_add", k -> { System.arraycopy(b, 0, out, 0, n); k.multiplyConstantAdd(a, constant, constantShoup, out, m); });
        kernels.put("tensor", k -> k.tensor(a, b, c, residues2, out, out1, out2, m));
        kernels.put("mul_accumulate_lazy", k -> { Arrays.fill(out, 0); k.mulAccumulateLazy(a, c, cShoup, out, m); });
        kernels.put("reduce_lazy", k -> { System.arraycopy(a, 0, out, 0, n); k.reduceLazy(out, m); });
        kernels.put("lift_centered", k -> k.liftCentered(residues, source, m, out));
        kernels.put("subtract_and_scale", k -> { System.arraycopy(a, 0, out, 0, n); k.subtractAndScale(out, b, constant, constantShoup, m); });

        List<Timing> timings = new ArrayList<>();
        for (Map.Entry<String, Kernel> kernel : kernels.entrySet()) {
            warm(kernel.getValue(), selected);
            warm(kernel.getValue(), scalar);
            double[] selectedSamples = new double[SAMPLES];
            double[] scalarSamples = new double[SAMPLES];
            // interleaved, so that a burst of load on the shared machine hits both sides alike
            for (int s = 0; s < SAMPLES; s++) {
                selectedSamples[s] = micros(kernel.getValue(), selected);
                scalarSamples[s] = micros(kernel.getValue(), scalar);
            }
            timings.add(new Timing(kernel.getKey(), median(selectedSamples), median(scalarSamples)));
        }
        return timings;
    }

    private interface Kernel {
        void run(ComputeBackend backend);
    }

    private static void warm(Kernel kernel, ComputeBackend backend) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < WARMUP_NANOS) kernel.run(backend);
    }

    /** One sample: the mean of a few calls, so that a sample is well above the timer's resolution. */
    private static double micros(Kernel kernel, ComputeBackend backend) {
        int calls = 8;
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) kernel.run(backend);
        return (System.nanoTime() - t0) / 1e3 / calls;
    }

    private static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] uniform(Sampler random, int n, Modulus m) {
        long[] row = new long[n];
        random.uniform(row, m);
        return row;
    }
}
