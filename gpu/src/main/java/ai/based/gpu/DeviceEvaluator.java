package ai.based.gpu;

import ai.based.fhe.ring.RingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static ai.based.gpu.CudaKernels.address;
import static ai.based.gpu.CudaKernels.ints;
import static ai.based.gpu.CudaKernels.longs;

/**
 * Multiply + relinearise, rotate (also hoisted: one ModUp for many rotations) and rescale with every operand in
 * device memory: no host round trip between the kernels, and results bit-identical to the CPU Evaluator's. The key
 * switches are {@link DeviceKeySwitch}'s (fhe/ckks's hybrid key switching, one special prime or several); a
 * relinearisation or rotation is a tensor product or a permutation of c, a key switch, and ModDown's fused
 * subtract-scale-add onto c's own part. Rescaling is a copy of the top rows, two batched NTTs (the second lifts the
 * top rows to each lower prime as it loads them) and one finishing launch. Scratch rows are allocated once for the top
 * level; not thread-safe (one stream).
 */
public final class DeviceEvaluator implements AutoCloseable {

    private final CudaKernels kernels;
    private final DeviceRing ring;
    private final int n;
    private final int maxLevel;
    private final int k;
    private final DeviceBuffer tensor;
    private final DeviceBuffer permuted;
    /** Rescaling: the top rows of both polynomials, and their conversions to the lower primes. */
    private final DeviceBuffer top;
    private final DeviceBuffer rescaled;
    /** A relinearisation rescaled at once: its rows over Q P before the division. */
    private final DeviceBuffer extended;
    private final DeviceDivision division;
    private final DeviceKeySwitch switching;
    private final DeviceElementwise elementwise;
    /** Per level from 1, made with the scratch rows (a full device must not fail the first rescale at a level): [q_level^-1]_{q_t}. */
    private final Map<Integer, DeviceBuffer> lastInverses = new HashMap<>();
    /** Per level from 1: the descriptors of rescaling's two batched NTTs. */
    private final Map<Integer, Rescale> rescales = new HashMap<>();
    /** This object's own allocations, freed on close. */
    private final List<DeviceBuffer> owned = new ArrayList<>();

    public DeviceEvaluator(RingContext ringContext) {
        this.kernels = GpuDevice.require();
        this.n = ringContext.n();
        this.maxLevel = ringContext.maxLevel();
        this.k = ringContext.pCount();
        this.ring = new DeviceRing(ringContext);
        int rows = maxLevel + 1;
        DeviceDivision madeDivision = null;
        DeviceKeySwitch madeSwitching = null;
        try {
            tensor = DeviceBuffer.allocated(owned, 3L * rows * n);
            permuted = DeviceBuffer.allocated(owned, 2L * rows * n);
            top = DeviceBuffer.allocated(owned, 2L * n);
            rescaled = DeviceBuffer.allocated(owned, 2L * Math.max(1, maxLevel) * n);
            extended = DeviceBuffer.allocated(owned, 2L * (rows + k) * n);
            for (int level = 1; level <= maxLevel; level++) {
                rescales.put(level, rescale(level));
                lastInverses.put(level, lastInverse(level));
            }
            madeDivision = new DeviceDivision(kernels, ring);
            madeSwitching = new DeviceKeySwitch(kernels, ring, madeDivision);
            elementwise = new DeviceElementwise(kernels, ring);
            division = madeDivision;
            switching = madeSwitching;
        } catch (RuntimeException e) { // no room for the scratch rows: give back what was had, the caller falls back to the CPU
            owned.forEach(DeviceBuffer::free);
            if (madeSwitching != null) madeSwitching.close();
            if (madeDivision != null) madeDivision.close();
            ring.close();
            throw e;
        }
    }

    /** A fresh result ciphertext of degree 1 at {@code level}, for the *Into operations. */
    public DeviceCiphertext allocate(int level, double scale) {
        return allocate(1, level, scale);
    }

    /** A fresh result ciphertext of {@code degree} at {@code level}. */
    public DeviceCiphertext allocate(int degree, int level, double scale) {
        return new DeviceCiphertext(degree, level, n, scale);
    }

    /** The element-wise operations on this evaluator's ring (sharing its device lock). */
    DeviceElementwise elementwise() {
        return elementwise;
    }

    /** c rotated under {@code galoisKey} and left undivided by P, into {@code out} (level c.level + k); ExtendedEvaluator.rotate's. */
    void rotateExtendedInto(DeviceCiphertext c, DeviceSwitchingKey galoisKey, DeviceCiphertext out) {
        kernels.bind();
        int level = c.level;
        elementwise.requireExtended(out, level);
        permuteBoth(c, galoisKey);
        switching.modUp(permuted, 0, level);
        switching.innerProduct(level, galoisKey, longs(0));
        elementwise.extendRows(level, switching.accumulator(0), switching.accumulator(1), permuted.address((long) (level + 1) * n), 0, out.rows);
    }

    /** x over Q P (q level {@code level}) divided by P q_level into {@code out}; ExtendedEvaluator.modDownRescale's residues. */
    void modDownRescaleInto(DeviceCiphertext x, int level, DeviceCiphertext out) {
        kernels.bind();
        elementwise.requireExtended(x, level);
        division.divideInto(x.rows, level, out);
    }

    /** The tensor product of two degree-1 ciphertexts into {@code out} (degree 2); Evaluator.multiply's residues. */
    void multiplyInto(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext out) {
        kernels.bind();
        if (b.level != a.level || out.level != a.level || a.degree != 1 || b.degree != 1 || out.degree != 2) {
            throw new IllegalArgumentException("multiply needs degree-1 operands and a degree-2 result at one level");
        }
        kernels.rowwise(kernels.tensorProduct, n, a.level + 1, 1, address(a.rows, 0), address(b.rows, 0), address(out.rows, 0),
                address(ring.moduli, 0), ints(a.level + 1), ints(n));
    }

    /** A degree-2 c relinearised into {@code out} (degree 1); Evaluator.relinearize's residues. */
    void relinearizeInto(DeviceCiphertext c, DeviceSwitchingKey relinearization, DeviceCiphertext out) {
        kernels.bind();
        if (c.degree != 2 || out.degree != 1 || out.level != c.level) throw new IllegalArgumentException("relinearize needs degree 2 in, degree 1 out, one level");
        keySwitch(c.rows, c.row(2, 0), c.level, relinearization, c.rows.address(c.row(0, 0)), c.rows.address(c.row(1, 0)), out);
    }

    /** (a b) relinearised and rescaled with one rounding into {@code out} (level - 1); Evaluator.mulRelinRescale's residues. */
    void mulRelinRescaleInto(DeviceCiphertext a, DeviceCiphertext b, DeviceSwitchingKey relinearization, DeviceCiphertext out) {
        kernels.bind();
        int level = a.level;
        if (b.level != level || a.degree != 1 || b.degree != 1) throw new IllegalArgumentException("mulRelinRescale needs degree-1 operands at one level");
        kernels.rowwise(kernels.tensorProduct, n, level + 1, 1, address(a.rows, 0), address(b.rows, 0), address(tensor, 0),
                address(ring.moduli, 0), ints(level + 1), ints(n));
        relinearizeRescale(tensor, level, relinearization, out);
    }

    /** A degree-2 c relinearised and rescaled with one rounding into {@code out} (level - 1); Evaluator.relinearizeRescale's. */
    void relinearizeRescaleInto(DeviceCiphertext c, DeviceSwitchingKey relinearization, DeviceCiphertext out) {
        kernels.bind();
        if (c.degree != 2) throw new IllegalArgumentException("relinearizeRescale needs a degree-2 ciphertext");
        relinearizeRescale(c.rows, c.level, relinearization, out);
    }

    /** The degree-2 rows of {@code source} ([3][level + 1][N]) relinearised and divided by P q_level into {@code out}. */
    private void relinearizeRescale(DeviceBuffer source, int level, DeviceSwitchingKey relinearization, DeviceCiphertext out) {
        if (level < 1 || out.degree != 1 || out.level != level - 1) { // before any launch
            throw new IllegalArgumentException("a relinearisation rescaled at level " + level + " needs level >= 1 and a degree-1 result one level lower");
        }
        long rowWords = (long) (level + 1) * n;
        switching.modUp(source, 2 * rowWords, level);
        switching.innerProduct(level, relinearization, longs(0));
        elementwise.extendRows(level, switching.accumulator(0), switching.accumulator(1), source.address(0), source.address(rowWords), extended);
        division.divideInto(extended, level, out);
    }


    /** (a * b) relinearised into {@code out} (degree 1, a's level); the CPU Evaluator.mulRelin's residues. */
    public void mulRelinInto(DeviceCiphertext a, DeviceCiphertext b, DeviceSwitchingKey relinearization, DeviceCiphertext out) {
        kernels.bind();
        int level = a.level;
        if (b.level != level || out.level != level || a.degree != 1 || b.degree != 1 || out.degree != 1) {
            throw new IllegalArgumentException("mulRelin needs degree-1 operands and result at one level, got levels "
                    + a.level + ", " + b.level + ", " + out.level);
        }
        int rows = level + 1;
        kernels.rowwise(kernels.tensorProduct, n, rows, 1, address(a.rows, 0), address(b.rows, 0), address(tensor, 0),
                address(ring.moduli, 0), ints(rows), ints(n));
        // the tensor's polynomials lie at stride rows * n
        keySwitch(tensor, 2L * rows * n, level, relinearization, tensor.address(0), tensor.address((long) rows * n), out);
        out.setScale(a.scale() * b.scale());
    }

    /** Rotation by the Galois element of {@code key} into {@code out}; the CPU Evaluator.rotate's residues. */
    public void rotateInto(DeviceCiphertext c, DeviceSwitchingKey galoisKey, DeviceCiphertext out) {
        kernels.bind();
        int level = c.level;
        if (c.degree != 1 || out.degree != 1 || out.level != level) throw new IllegalArgumentException("rotate needs degree-1 operand and result at one level");
        int rows = level + 1;
        permuteBoth(c, galoisKey);
        keySwitch(permuted, 0, level, galoisKey, permuted.address((long) rows * n), 0, out);
        out.setScale(c.scale());
    }

    /**
     * Several rotations of one ciphertext sharing a single ModUp (hoisting): the digits of c1 are lifted once and
     * each key's inner product reads them through its Galois permutation. {@code outs[i]} receives the rotation by
     * {@code galoisKeys[i]}; the CPU Evaluator.rotateHoisted's residues.
     */
    public void rotateHoistedInto(DeviceCiphertext c, DeviceSwitchingKey[] galoisKeys, DeviceCiphertext[] outs) {
        kernels.bind();
        if (galoisKeys.length != outs.length) throw new IllegalArgumentException(galoisKeys.length + " keys for " + outs.length + " results");
        int level = c.level;
        int rows = level + 1;
        if (c.degree != 1) throw new IllegalArgumentException("rotate needs a degree-1 ciphertext");
        switching.modUp(c.rows, c.row(1, 0), level);
        for (int r = 0; r < outs.length; r++) {
            DeviceCiphertext out = outs[r];
            if (out.degree != 1 || out.level != level) throw new IllegalArgumentException("result " + r + " is not of degree 1 at level " + level);
            DeviceBuffer permutation = ring.permutation(galoisKeys[r].galoisElement);
            kernels.rowwise(kernels.permuteRows, n, rows, 1, address(c.rows, c.row(0, 0)), address(permuted, (long) rows * n),
                    address(permutation, 0), ints(n));
            switching.innerProductAndModDown(level, galoisKeys[r], address(permutation, 0), permuted.address((long) rows * n), 0, out);
            out.setScale(c.scale());
        }
    }

    /** permuted: [c1(X^g) rows | c0(X^g) rows] for the Galois element of {@code key}. */
    private void permuteBoth(DeviceCiphertext c, DeviceSwitchingKey key) {
        int rows = c.level + 1;
        DeviceBuffer permutation = ring.permutation(key.galoisElement);
        kernels.rowwise(kernels.permuteRows, n, rows, 1, address(c.rows, c.row(1, 0)), address(permuted, 0),
                address(permutation, 0), ints(n));
        kernels.rowwise(kernels.permuteRows, n, rows, 1, address(c.rows, c.row(0, 0)), address(permuted, (long) rows * n),
                address(permutation, 0), ints(n));
    }

    /** Divides by the last prime of c's level into {@code out} (degree 1, one level lower); Evaluator.rescale's residues. */
    public void rescaleInto(DeviceCiphertext c, DeviceCiphertext out) {
        kernels.bind();
        int level = c.level;
        if (level == 0) throw new IllegalArgumentException("cannot rescale: the ciphertext is at level 0 (depth exhausted)");
        if (c.degree != 1 || out.degree != 1 || out.level != level - 1) {
            throw new IllegalArgumentException("rescale needs a degree-1 ciphertext and a degree-1 result one level lower");
        }
        Rescale p = rescales.get(level);
        CudaKernels.copy(top, 0, c.rows, c.row(0, level), n);
        CudaKernels.copy(top, n, c.rows, c.row(1, level), n);
        kernels.inverseNtt(ring.ntts[0].plan, p.topInverse, 2);
        kernels.forwardNtt(ring.ntts[0].plan, p.rescaledForward, 2 * level); // the top rows lifted to each lower prime on load
        kernels.rowwise(kernels.rescaleFinish, n, level, 2, address(c.rows, 0), address(rescaled, 0), address(out.rows, 0),
                address(ring.moduli, 0), address(lastInverses.get(level), 0), ints(level), ints(n));
        out.setScale(c.scale() / ring.ring.modulus(level).q);
    }

    /**
     * Makes the NTT-domain permutation of a Galois key's element now (nothing for a relinearisation key), so that its
     * rotations allocate nothing: DeviceHoldings calls this where it can make room.
     */
    DeviceBuffer permutationFor(DeviceSwitchingKey key) {
        return key.galoisElement == ai.based.fhe.rlwe.SwitchingKey.RELINEARIZATION ? null : ring.permutation(key.galoisElement);
    }

    /** Waits for the device to finish the queued work. */
    public void synchronize() {
        kernels.bind();
        kernels.synchronize();
    }

    /**
     * out = (base0 + d0, base1 + d1) where (d0, d1) switches the rows of {@code source} (level + 1 rows from word
     * {@code sourceWord}, NTT form) under {@code key}. The bases are device addresses of level + 1 rows; 0 adds nothing.
     */
    private void keySwitch(DeviceBuffer source, long sourceWord, int level, DeviceSwitchingKey key,
                           long base0, long base1, DeviceCiphertext out) {
        switching.modUp(source, sourceWord, level);
        switching.innerProductAndModDown(level, key, longs(0), base0, base1, out);
    }

    /** [q_level^-1]_{q_t} for t < level, then their Shoup companions (RnsConversion's lastInvModQ). */
    private DeviceBuffer lastInverse(int level) {
        long[] inv = new long[2 * level];
        for (int t = 0; t < level; t++) {
            var qt = ring.ring.modulus(t);
            inv[t] = qt.inverse(ring.ring.modulus(level).q % qt.q);
            inv[level + t] = qt.shoup(inv[t]);
        }
        return DeviceBuffer.holding(owned, inv);
    }

    /** The descriptors of rescaling's NTTs at a level: the top rows to coefficient form, their lifts to the lower primes. */
    private record Rescale(DeviceBuffer topInverse, DeviceBuffer rescaledForward) {}

    private Rescale rescale(int level) {
        long[] tops = new long[2 * DeviceNtt.DESCRIPTOR_WORDS];
        ring.ntts[level].describe(top.address(0), true, tops, 0);
        ring.ntts[level].describe(top.address(n), true, tops, DeviceNtt.DESCRIPTOR_WORDS);
        long[] resc = new long[2 * level * DeviceNtt.DESCRIPTOR_WORDS];
        for (int poly = 0; poly < 2; poly++) {
            for (int t = 0; t < level; t++) {
                ring.ntts[t].describe(rescaled.address(((long) poly * level + t) * n), false, top.address((long) poly * n),
                        ring.ring.modulus(level).q, resc, (poly * level + t) * DeviceNtt.DESCRIPTOR_WORDS);
            }
        }
        return new Rescale(DeviceBuffer.holding(owned, tops), DeviceBuffer.holding(owned, resc));
    }

    @Override
    public void close() {
        owned.forEach(DeviceBuffer::free);
        switching.close();
        division.close();
        elementwise.close();
        ring.close();
    }
}
