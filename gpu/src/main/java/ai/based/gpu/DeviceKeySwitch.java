package ai.based.gpu;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RnsConversion;
import ai.based.fhe.rlwe.KeyDigits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static ai.based.gpu.CudaKernels.address;
import static ai.based.gpu.CudaKernels.ints;
import static ai.based.gpu.CudaKernels.pointer;

/**
 * Hybrid key switching on device rows, as fhe/ckks's KeySwitcher does it: c's rows split into digits
 * ({@link KeyDigits}: one prime each with one special prime, k primes with k), each lifted to every prime (ModUp),
 * the inner product with the key into two accumulators over Q P, and the division by P (ModDown). With one special
 * prime a digit is lifted by the forward NTT's first pass as it loads the coefficient row, and so is ModDown's
 * conversion; with several, ModUp scales c's coefficient rows and converts each digit of several primes to its other
 * targets first (RnsConversion.convertInto), and ModDown's conversion is the exact one of
 * {@link DeviceDivision#convertByP}. Scratch rows for the top level, descriptors and tables for every level, all made
 * at once. Not thread-safe (the evaluator's lock).
 */
final class DeviceKeySwitch implements AutoCloseable {

    private final CudaKernels kernels;
    private final DeviceRing ring;
    private final DeviceDivision division;
    private final KeyDigits layout;
    private final RnsConversion conversion;
    private final int n;
    private final int k;
    private final DeviceBuffer coefficients;
    private final DeviceBuffer digits;
    private final DeviceBuffer acc0;
    private final DeviceBuffer acc1;
    /** ModDown's conversions of the special rows with one special prime: [poly][qCount][N] (null with several). */
    private final DeviceBuffer conv;
    /** Per level, made with the scratch rows: a full device must not fail the first key switch at a level. */
    private final Map<Integer, Plans> plans = new HashMap<>();
    /** Every allocation of this object, freed on close. */
    private final List<DeviceBuffer> owned = new ArrayList<>();

    DeviceKeySwitch(CudaKernels kernels, DeviceRing ring, DeviceDivision division) {
        this.kernels = kernels;
        this.ring = ring;
        this.division = division;
        this.layout = KeyDigits.of(ring.ring);
        this.conversion = division.conversion();
        this.n = ring.n;
        this.k = ring.k;
        int rows = ring.qCount;
        try {
            coefficients = DeviceBuffer.allocated(owned, (long) rows * n);
            digits = DeviceBuffer.allocated(owned, (long) layout.count() * (rows + k) * n);
            acc0 = DeviceBuffer.allocated(owned, (long) (rows + k) * n);
            acc1 = DeviceBuffer.allocated(owned, (long) (rows + k) * n);
            conv = k == 1 ? DeviceBuffer.allocated(owned, 2L * rows * n) : null;
            for (int level = 0; level < rows; level++) plans.put(level, plans(level));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The device address of accumulator {@code d} (0 or 1): the last inner product's rows over Q P, NTT form. */
    long accumulator(int d) {
        return (d == 0 ? acc0 : acc1).address(0);
    }

    /**
     * The digits of the level + 1 rows of {@code source} from {@code sourceWord} (NTT form), lifted to every target
     * prime: a digit's own rows copied, a digit of one prime lifted by the forward NTT's first pass, a digit of several
     * converted from its scaled coefficient rows first.
     */
    void modUp(DeviceBuffer source, long sourceWord, int level) {
        int rows = level + 1;
        Plans p = plans.get(level);
        CudaKernels.copy(coefficients, 0, source, sourceWord, (long) rows * n);
        kernels.inverseNtt(p.nttPlan, p.coefficientsInverse, rows);
        kernels.rowwise(kernels.modUpDiagonal, n, rows, 1, address(source, sourceWord), address(digits, 0), ints(level),
                ints(k), ints(layout.size()), ints(n));
        if (p.groupScales != null) {
            kernels.rowwise(kernels.mulConstRows, n, rows, 1, address(coefficients, 0), address(coefficients, 0),
                    address(p.groupScales, 0), address(ring.moduli, 0), ints(rows), ints(n));
            kernels.rowwise(kernels.modUpConvert, n, rows + k, layout.countAt(level), address(coefficients, 0), address(digits, 0),
                    address(p.groupHats, 0), address(ring.moduli, 0), ints(level), ints(k), ints(layout.size()), ints(ring.qCount), ints(n));
        }
        kernels.forwardNtt(p.nttPlan, p.digitsForward, p.digitRows);
    }

    /**
     * The inner product of the digits (read through {@code permutation}, a null address for none) with the key, then
     * ModDown: with one special prime its conversion is the centred lift the forward NTT's first pass does, with
     * several the exact conversion of {@link DeviceDivision#convertByP}.
     */
    void innerProductAndModDown(int level, DeviceSwitchingKey key, KernelArgument permutation, long base0, long base1,
                                        DeviceCiphertext out) {
        int rows = level + 1;
        Plans p = plans.get(level);
        innerProduct(level, key, permutation);
        kernels.inverseNtt(p.nttPlan, p.specialInverse, 2 * k);
        DeviceBuffer converted;
        long second;
        if (k == 1) {
            kernels.forwardNtt(p.nttPlan, p.convertedForward, 2 * rows);
            converted = conv;
            second = (long) ring.qCount * n;
        } else {
            converted = division.convertByP(level, acc0, acc1);
            second = (long) rows * n;
        }
        kernels.rowwise(kernels.modDownFinish, n, rows, 2, address(acc0, 0), address(acc1, 0), address(converted, 0),
                address(converted, second), pointer(base0), pointer(base1), address(out.rows, out.row(0, 0)),
                address(out.rows, out.row(1, 0)), address(ring.moduli, 0), address(ring.pInverse, 0),
                ints(ring.qCount), ints(n));
    }

    /**
     * acc0, acc1 (level + 1 + k rows, NTT form): the key switch's results before their division by P. A key serving
     * only lower levels is refused as the CPU refuses it, before any launch of its own.
     */
    void innerProduct(int level, DeviceSwitchingKey key, KernelArgument permutation) {
        if (key.level < level) {
            throw new IllegalArgumentException("the switching key serves levels up to " + key.level + ", the ciphertext is at level " + level);
        }
        kernels.rowwise(kernels.innerProduct, n, level + 1 + k, 1, address(digits, 0), address(key.b, 0), address(key.a, 0),
                address(key.bShoup, 0), address(key.aShoup, 0), address(acc0, 0), address(acc1, 0), address(ring.moduli, 0),
                permutation, ints(level), ints(k), ints(layout.countAt(level)), ints(ring.qCount), ints(key.level), ints(n));
    }

    /**
     * A level's launch descriptors and tables: the NTTs of a key switch (digitRows rows in the digits' forward
     * transform) and of ModDown's conversion with one special prime; with digits of several primes, the factors that
     * scale c's coefficient rows before their conversion and the conversion's [Q_S / q_i]_{q_t}.
     */
    private record Plans(NttPlan nttPlan, DeviceBuffer coefficientsInverse, DeviceBuffer digitsForward, int digitRows,
                         DeviceBuffer specialInverse, DeviceBuffer convertedForward, DeviceBuffer groupScales, DeviceBuffer groupHats) {}

    private Plans plans(int level) {
        int rows = level + 1;
        long[] coeff = new long[rows * DeviceNtt.DESCRIPTOR_WORDS];
        for (int j = 0; j < rows; j++) ring.ntts[j].describe(coefficients.address((long) j * n), true, coeff, j * DeviceNtt.DESCRIPTOR_WORDS);
        long[] dig = digitDescriptors(level);
        long[] special = new long[2 * k * DeviceNtt.DESCRIPTOR_WORDS];
        for (int j = 0; j < k; j++) {
            DeviceNtt ntt = ring.ntts[ring.qCount + j];
            ntt.describe(acc0.address((long) (rows + j) * n), true, special, j * DeviceNtt.DESCRIPTOR_WORDS);
            ntt.describe(acc1.address((long) (rows + j) * n), true, special, (k + j) * DeviceNtt.DESCRIPTOR_WORDS);
        }
        DeviceBuffer convertedForward = null;
        if (k == 1) { // the special row lifted on load into each q prime
            long[] converted = new long[2 * rows * DeviceNtt.DESCRIPTOR_WORDS];
            long specialQ = ring.ring.modulus(ring.qCount).q;
            for (int t = 0; t < rows; t++) {
                ring.ntts[t].describe(conv.address((long) t * n), false, acc0.address((long) rows * n), specialQ, converted, t * DeviceNtt.DESCRIPTOR_WORDS);
                ring.ntts[t].describe(conv.address((long) (ring.qCount + t) * n), false, acc1.address((long) rows * n), specialQ, converted,
                        (rows + t) * DeviceNtt.DESCRIPTOR_WORDS);
            }
            convertedForward = DeviceBuffer.holding(owned, converted);
        }
        boolean grouped = layout.last(0, level) > layout.first(0); // some digit has several primes here
        return new Plans(ring.ntts[0].plan, DeviceBuffer.holding(owned, coeff), DeviceBuffer.holding(owned, dig), dig.length / DeviceNtt.DESCRIPTOR_WORDS,
                DeviceBuffer.holding(owned, special), convertedForward, grouped ? DeviceBuffer.holding(owned, groupScales(level)) : null,
                grouped ? DeviceBuffer.holding(owned, groupHats(level)) : null);
    }

    /**
     * The forward NTTs of every digit row but a digit's own primes' (c's NTT rows, copied as they are): a digit of one
     * prime lifted from its coefficient row on load, a digit of several transformed in place after mod_up_convert.
     */
    private long[] digitDescriptors(int level) {
        int targets = level + 1 + k;
        long[] dig = new long[layout.countAt(level) * targets * DeviceNtt.DESCRIPTOR_WORDS];
        int d = 0;
        for (int g = 0; g < layout.countAt(level); g++) {
            int first = layout.first(g);
            int last = layout.last(g, level);
            for (int t = 0; t < targets; t++) {
                int prime = ring.prime(t, level);
                if (prime >= first && prime <= last) continue;
                long row = digits.address(((long) g * targets + t) * n);
                if (first == last) {
                    ring.ntts[prime].describe(row, false, coefficients.address((long) first * n), ring.ring.modulus(first).q, dig, d++ * DeviceNtt.DESCRIPTOR_WORDS);
                } else {
                    ring.ntts[prime].describe(row, false, dig, d++ * DeviceNtt.DESCRIPTOR_WORDS);
                }
            }
        }
        return Arrays.copyOf(dig, d * DeviceNtt.DESCRIPTOR_WORDS);
    }

    /** [(Q_S / q_i)^-1]_{q_i} for each row i of c at {@code level} (1 in a digit of one prime), then Shoup companions. */
    private long[] groupScales(int level) {
        int rows = level + 1;
        long[] scales = new long[2 * rows];
        for (int i = 0; i < rows; i++) {
            int g = layout.digitOf(i);
            Modulus qi = ring.ring.modulus(i);
            scales[i] = layout.first(g) == layout.last(g, level) ? 1 : conversion.groupHatInverse(layout.first(g), layout.last(g, level), i);
            scales[rows + i] = qi.shoup(scales[i]);
        }
        return scales;
    }

    /** mod_up_convert's [Q_S / q_i]_{q_t} at [i][t] (S the digit of prime i, t every target), then Shoup companions. */
    private long[] groupHats(int level) {
        int rows = level + 1;
        int targets = rows + k;
        long[] hats = new long[2 * rows * targets];
        for (int i = 0; i < rows; i++) {
            int g = layout.digitOf(i);
            for (int t = 0; t < targets; t++) {
                int target = ring.prime(t, level);
                long hat = conversion.groupHat(layout.first(g), layout.last(g, level), i, target);
                hats[i * targets + t] = hat;
                hats[rows * targets + i * targets + t] = ring.ring.modulus(target).shoup(hat);
            }
        }
        return hats;
    }

    @Override
    public void close() {
        owned.forEach(DeviceBuffer::free);
        owned.clear();
    }
}
