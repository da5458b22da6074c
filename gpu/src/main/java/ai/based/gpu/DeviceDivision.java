package ai.based.gpu;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.RnsConversion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static ai.based.gpu.CudaKernels.address;
import static ai.based.gpu.CudaKernels.ints;

/**
 * The division of a ciphertext over Q P by P q_level on the device: ModDown and rescaling with one rounding, as
 * RnsConversion divides a linear transform's summed giant steps and a relinearisation's undivided key switch. Per
 * component, the k + 1 divisor rows (the special primes', then q_level's) go to coefficient form, their exact
 * conversion into each lower prime (the multiple of D that fast conversion overshoots by, estimated in doubles exactly
 * as the CPU does) goes back to NTT form, and each lower row becomes (x - conversion) D^-1. Six launches and 2 (k + 1)
 * row copies; scratch rows for the top level, constants per level on first use. Not thread-safe (the evaluator's
 * lock).
 */
final class DeviceDivision implements AutoCloseable {
    private static final int DESCRIPTOR_WORDS = 8;

    private final CudaKernels kernels;
    private final DeviceRing ring;
    private final RnsConversion conversion;
    private final int n;
    private final int k;
    /** [poly][j][N]: the divisor rows of both polynomials, j < k the special primes, j = k the level's last prime. */
    private final DeviceBuffer divisorRows;
    /** [poly][t][N]: their conversions into q_0..q_{level-1}. */
    private final DeviceBuffer converted;
    private final Map<Integer, Level> levels = new HashMap<>();

    DeviceDivision(CudaKernels kernels, DeviceRing ring) {
        this.kernels = kernels;
        this.ring = ring;
        this.conversion = new RnsConversion(ring.ring);
        this.n = ring.n;
        this.k = ring.k;
        this.divisorRows = new DeviceBuffer(2L * (k + 1) * n);
        try {
            this.converted = new DeviceBuffer(2L * Math.max(1, ring.qCount - 1) * n);
        } catch (RuntimeException e) {
            divisorRows.free();
            throw e;
        }
    }

    /**
     * The rows of {@code x} from word 0 (degree 1 over Q P at q level {@code level}: [poly][level + 1 + k][N]) divided
     * by P q_level, rounded, into {@code out} (degree 1 at level - 1).
     */
    void divideInto(DeviceBuffer x, int level, DeviceCiphertext out) {
        if (level < 1) throw new IllegalArgumentException("cannot rescale: the ciphertext is at level 0 (depth exhausted)");
        int xRows = level + 1 + k;
        if (out.degree != 1 || out.level != level - 1) {
            throw new IllegalArgumentException("dividing by P q_" + level + " needs a degree-1 result at level " + (level - 1));
        }
        Level constants = levels.computeIfAbsent(level, this::level);
        for (int d = 0; d < 2; d++) {
            for (int j = 0; j < k; j++) CudaKernels.copy(divisorRows, ((long) d * (k + 1) + j) * n, x, ((long) d * xRows + level + 1 + j) * n, n);
            CudaKernels.copy(divisorRows, ((long) d * (k + 1) + k) * n, x, ((long) d * xRows + level) * n, n);
        }
        kernels.inverseNtt(ring.ntts[0].plan, constants.divisorInverse, 2 * (k + 1));
        kernels.rowwise(kernels.divideConvert, n, level, 2, address(divisorRows, 0), address(converted, 0), address(constants.conversion, 0),
                address(ring.moduli, 0), ints(level), ints(k), ints(ring.qCount), ints(n));
        kernels.forwardNtt(ring.ntts[0].plan, constants.convertedForward, 2 * level);
        kernels.rowwise(kernels.divideFinish, n, level, 2, address(x, 0), address(converted, 0), address(out.rows, 0),
                address(constants.inverse, 0), address(ring.moduli, 0), ints(level), ints(xRows), ints(n));
    }

    /**
     * The divide_convert table of a division by P q_level: with k1 = k + 1 divisor primes, [(D/d_j)^-1]_{d_j} and their
     * Shoup companions, [D/d_j]_{q_t} and companions for t < level, [D]_{q_t} and companions, and 1/d_j as double bits.
     */
    static long[] conversionConstants(RingContext ring, RnsConversion.Divisor divisor, int level) {
        int k1 = divisor.primes().length;
        long[] table = new long[2 * k1 + 2 * k1 * level + 2 * level + k1];
        for (int j = 0; j < k1; j++) {
            Modulus dj = ring.modulus(divisor.primes()[j]);
            table[j] = divisor.hatInverse()[j];
            table[k1 + j] = dj.shoup(divisor.hatInverse()[j]);
            for (int t = 0; t < level; t++) {
                long h = divisor.hatModQ()[j][t];
                table[2 * k1 + j * level + t] = h;
                table[2 * k1 + k1 * level + j * level + t] = ring.modulus(t).shoup(h);
            }
            table[2 * k1 + 2 * k1 * level + 2 * level + j] = Double.doubleToRawLongBits(divisor.reciprocal()[j]);
        }
        for (int t = 0; t < level; t++) {
            table[2 * k1 + 2 * k1 * level + t] = divisor.modQ()[t];
            table[2 * k1 + 2 * k1 * level + level + t] = ring.modulus(t).shoup(divisor.modQ()[t]);
        }
        return table;
    }

    /** divide_finish's table: [D^-1]_{q_t} for t < level, then their Shoup companions. */
    static long[] inverses(RingContext ring, RnsConversion.Divisor divisor, int level) {
        long[] inv = new long[2 * level];
        for (int t = 0; t < level; t++) {
            inv[t] = divisor.inverseModQ()[t];
            inv[level + t] = ring.modulus(t).shoup(inv[t]);
        }
        return inv;
    }

    private record Level(DeviceBuffer divisorInverse, DeviceBuffer convertedForward, DeviceBuffer conversion, DeviceBuffer inverse) {
        void free() {
            for (DeviceBuffer b : new DeviceBuffer[] {divisorInverse, convertedForward, conversion, inverse}) b.free();
        }
    }

    private Level level(int level) {
        RnsConversion.Divisor divisor = conversion.divisorByPAndLastPrime(level);
        long[] inverse = new long[2 * (k + 1) * DESCRIPTOR_WORDS];
        for (int d = 0; d < 2; d++) {
            for (int j = 0; j <= k; j++) {
                int prime = j < k ? ring.qCount + j : level;
                ring.ntts[prime].describe(divisorRows.address(((long) d * (k + 1) + j) * n), true, inverse, (d * (k + 1) + j) * DESCRIPTOR_WORDS);
            }
        }
        long[] forward = new long[2 * level * DESCRIPTOR_WORDS];
        for (int d = 0; d < 2; d++) {
            for (int t = 0; t < level; t++) {
                ring.ntts[t].describe(converted.address(((long) d * level + t) * n), false, forward, (d * level + t) * DESCRIPTOR_WORDS);
            }
        }
        List<DeviceBuffer> made = new ArrayList<>();
        try {
            return new Level(uploaded(made, inverse), uploaded(made, forward), uploaded(made, conversionConstants(ring.ring, divisor, level)),
                    uploaded(made, inverses(ring.ring, divisor, level)));
        } catch (RuntimeException e) {
            made.forEach(DeviceBuffer::free);
            throw e;
        }
    }

    private static DeviceBuffer uploaded(List<DeviceBuffer> made, long[] words) {
        DeviceBuffer b = new DeviceBuffer(words.length);
        made.add(b);
        CudaKernels.upload(b, 0, words);
        return b;
    }

    @Override
    public void close() {
        divisorRows.free();
        converted.free();
        levels.values().forEach(Level::free);
    }
}
