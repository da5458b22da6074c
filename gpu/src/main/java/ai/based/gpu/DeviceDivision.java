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
 * The divisions of rows over Q P with rounding on the device, as RnsConversion divides: by P q_level (ModDown and
 * rescaling with one rounding: a linear transform's summed giant steps, a relinearisation's undivided key switch) and,
 * with several special primes, the conversion half of ModDown by P. Per component, the divisor rows (the special
 * primes', then q_level's) go to coefficient form, their exact conversion into each remaining prime (the multiple of D
 * that fast conversion overshoots by, estimated in doubles exactly as the CPU does) goes back to NTT form, and each
 * row becomes (x - conversion) D^-1. Scratch rows for the top level, constants for every level, all made at once.
 * Not thread-safe (the evaluator's lock).
 */
final class DeviceDivision implements AutoCloseable {

    private final CudaKernels kernels;
    private final DeviceRing ring;
    private final RnsConversion conversion;
    private final int n;
    private final int k;
    /** [poly][j][N]: the divisor rows of both polynomials, j < k the special primes, j = k the level's last prime. */
    private final DeviceBuffer divisorRows;
    /** [poly][t][N]: their conversions into the primes below the divisor. */
    private final DeviceBuffer converted;
    /** Per level from 1, the division by P q_level; made with the scratch rows, as a full device must not fail it later. */
    private final Map<Integer, Level> levels = new HashMap<>();
    /** Per level, ModDown's conversion by P (several special primes only). */
    private final Map<Integer, Level> byP = new HashMap<>();
    /** Every allocation of this object, freed on close. */
    private final List<DeviceBuffer> owned = new ArrayList<>();

    DeviceDivision(CudaKernels kernels, DeviceRing ring) {
        this.kernels = kernels;
        this.ring = ring;
        this.conversion = new RnsConversion(ring.ring);
        this.n = ring.n;
        this.k = ring.k;
        try {
            this.divisorRows = DeviceBuffer.allocated(owned, 2L * (k + 1) * n);
            this.converted = DeviceBuffer.allocated(owned, 2L * ring.qCount * n);
            for (int level = 0; level < ring.qCount; level++) {
                if (level >= 1) levels.put(level, level(level));
                if (k > 1) byP.put(level, byPLevel(level));
            }
        } catch (RuntimeException e) {
            close();
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
        Level constants = levels.get(level);
        for (int d = 0; d < 2; d++) {
            for (int j = 0; j < k; j++) CudaKernels.copy(divisorRows, ((long) d * (k + 1) + j) * n, x, ((long) d * xRows + level + 1 + j) * n, n);
            CudaKernels.copy(divisorRows, ((long) d * (k + 1) + k) * n, x, ((long) d * xRows + level) * n, n);
        }
        kernels.inverseNtt(ring.ntts[0].plan, constants.divisorInverse, 2 * (k + 1));
        kernels.rowwise(kernels.divideConvert, n, level, 2, address(divisorRows, 0), address(converted, 0), address(constants.conversion, 0),
                address(ring.moduli, 0), ints(level), ints(k + 1), ints(k), ints(ring.qCount), ints(n));
        kernels.forwardNtt(ring.ntts[0].plan, constants.convertedForward, 2 * level);
        kernels.rowwise(kernels.divideFinish, n, level, 2, address(x, 0), address(converted, 0), address(out.rows, 0),
                address(constants.inverse, 0), address(ring.moduli, 0), ints(level), ints(xRows), ints(n));
    }

    /** The ring's RNS constants on the host, shared with the key switch's tables. */
    RnsConversion conversion() {
        return conversion;
    }

    /**
     * ModDown's conversion with several special primes: the special rows of both accumulators (level + 1 + j of
     * {@code acc0} and {@code acc1}, already in coefficient form) converted exactly into q_0..q_level, NTT form; the
     * returned buffer holds them [poly][level + 1][N] until the next division. ModDown ends with (acc - conversion) P^-1.
     */
    DeviceBuffer convertByP(int level, DeviceBuffer acc0, DeviceBuffer acc1) {
        int targets = level + 1;
        Level constants = byP.get(level);
        for (int j = 0; j < k; j++) {
            CudaKernels.copy(divisorRows, (long) j * n, acc0, (long) (targets + j) * n, n);
            CudaKernels.copy(divisorRows, (long) (k + j) * n, acc1, (long) (targets + j) * n, n);
        }
        kernels.rowwise(kernels.divideConvert, n, targets, 2, address(divisorRows, 0), address(converted, 0), address(constants.conversion, 0),
                address(ring.moduli, 0), ints(targets), ints(k), ints(k), ints(ring.qCount), ints(n));
        kernels.forwardNtt(ring.ntts[0].plan, constants.convertedForward, 2 * targets);
        return converted;
    }

    /**
     * The divide_convert table of a division by D into {@code targets} primes: with k1 divisor primes,
     * [(D/d_j)^-1]_{d_j} and their Shoup companions, [D/d_j]_{q_t} and companions for t < targets, [D]_{q_t} and
     * companions, and 1/d_j as double bits.
     */
    static long[] conversionConstants(RingContext ring, RnsConversion.Divisor divisor, int targets) {
        int k1 = divisor.primes().length;
        int level = targets;
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

    /** A level's descriptors and tables; ModDown's conversion by P has no divisor inverse (shared) and no inverses. */
    private record Level(DeviceBuffer divisorInverse, DeviceBuffer convertedForward, DeviceBuffer conversion, DeviceBuffer inverse) {}

    private Level byPLevel(int level) {
        int targets = level + 1;
        return new Level(null, DeviceBuffer.holding(owned, forwardDescriptors(targets)),
                DeviceBuffer.holding(owned, conversionConstants(ring.ring, conversion.divisorByP(), targets)), null);
    }

    /** Descriptors of the forward NTTs of the conversions into the {@code targets} primes below the divisor, [poly][t][N]. */
    private long[] forwardDescriptors(int targets) {
        long[] forward = new long[2 * targets * DeviceNtt.DESCRIPTOR_WORDS];
        for (int d = 0; d < 2; d++) {
            for (int t = 0; t < targets; t++) {
                ring.ntts[t].describe(converted.address(((long) d * targets + t) * n), false, forward, (d * targets + t) * DeviceNtt.DESCRIPTOR_WORDS);
            }
        }
        return forward;
    }

    private Level level(int level) {
        RnsConversion.Divisor divisor = conversion.divisorByPAndLastPrime(level);
        long[] inverse = new long[2 * (k + 1) * DeviceNtt.DESCRIPTOR_WORDS];
        for (int d = 0; d < 2; d++) {
            for (int j = 0; j <= k; j++) {
                int prime = j < k ? ring.qCount + j : level;
                ring.ntts[prime].describe(divisorRows.address(((long) d * (k + 1) + j) * n), true, inverse, (d * (k + 1) + j) * DeviceNtt.DESCRIPTOR_WORDS);
            }
        }
        return new Level(DeviceBuffer.holding(owned, inverse), DeviceBuffer.holding(owned, forwardDescriptors(level)),
                DeviceBuffer.holding(owned, conversionConstants(ring.ring, divisor, level)), DeviceBuffer.holding(owned, inverses(ring.ring, divisor, level)));
    }

    @Override
    public void close() {
        owned.forEach(DeviceBuffer::free);
        owned.clear();
    }
}
