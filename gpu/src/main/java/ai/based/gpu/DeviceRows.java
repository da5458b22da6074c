package ai.based.gpu;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.Ntt;

import java.util.Map;
import java.util.WeakHashMap;

import static ai.based.gpu.CudaKernels.address;
import static ai.based.gpu.CudaKernels.ints;
import static ai.based.gpu.CudaKernels.longs;

/**
 * The compute SPI's kernels on host rows, run on the device: each call copies its rows to the device and the result
 * back (the batched NTT amortises the launches over many rows). Twiddle tables are uploaded once per {@link Ntt}
 * and stay on the device. All device work is serialised on this object (one stream, one set of scratch buffers).
 * {@link GpuBackend} decides which calls come here.
 */
final class DeviceRows implements ComputeBackend {

    private final Map<Ntt, DeviceNtt> tables = new WeakHashMap<>(); // Ntt has identity equality
    private DeviceBuffer scratch;
    private DeviceBuffer descriptors;

    @Override
    public String name() {
        return "gpu-rows";
    }

    @Override
    public boolean available() {
        return GpuDevice.kernels() != null;
    }

    @Override
    public int priority() {
        return -1; // never chosen by ServiceLoader: it is not registered; GpuBackend delegates to it
    }

    @Override
    public void forwardNtt(Ntt ntt, long[] row) {
        forwardNtt(new Ntt[] {ntt}, new long[][] {row});
    }

    @Override
    public void inverseNtt(Ntt ntt, long[] row) {
        inverseNtt(new Ntt[] {ntt}, new long[][] {row});
    }

    @Override
    public void forwardNtt(Ntt[] ntts, long[][] rows) {
        transform(ntts, rows, false);
    }

    @Override
    public void inverseNtt(Ntt[] ntts, long[][] rows) {
        transform(ntts, rows, true);
    }

    private synchronized void transform(Ntt[] ntts, long[][] rows, boolean inverse) {
        if (ntts.length != rows.length) throw new IllegalArgumentException(ntts.length + " tables for " + rows.length + " rows");
        if (rows.length == 0) return;
        CudaKernels k = kernels();
        int n = ntts[0].n();
        for (int i = 0; i < rows.length; i++) {
            if (ntts[i].n() != n || rows[i].length != n) {
                throw new IllegalArgumentException("row " + i + " is not of the batch's ring degree " + n);
            }
        }
        DeviceBuffer data = scratch((long) rows.length * n);
        long[] desc = new long[rows.length * DeviceNtt.DESCRIPTOR_WORDS];
        NttPlan plan = null;
        for (int i = 0; i < rows.length; i++) {
            DeviceNtt t = deviceNtt(ntts[i]);
            plan = t.plan;
            t.describe(data.address((long) i * n), inverse, desc, i * DeviceNtt.DESCRIPTOR_WORDS);
            CudaKernels.upload(data, (long) i * n, rows[i]);
        }
        DeviceBuffer d = descriptors(desc.length);
        CudaKernels.upload(d, 0, desc);
        if (inverse) k.inverseNtt(plan, d, rows.length);
        else k.forwardNtt(plan, d, rows.length);
        for (int i = 0; i < rows.length; i++) CudaKernels.download(rows[i], data, (long) i * n);
    }

    @Override
    public synchronized void mulAccumulateLazy(long[] x, long[] w, long[] wShoup, long[] acc, Modulus m) {
        int n = acc.length;
        DeviceBuffer s = rows(n, x, w, wShoup, acc);
        kernels().elementwise(kernels().mulAccumulateLazy, n,
                address(s, 0), address(s, n), address(s, 2L * n), address(s, 3L * n), longs(m.q), ints(n));
        CudaKernels.download(acc, s, 3L * n);
    }

    @Override
    public synchronized void reduceLazy(long[] row, Modulus m) {
        int n = row.length;
        DeviceBuffer s = rows(n, row);
        kernels().elementwise(kernels().reduceLazy, n, address(s, 0), longs(m.q), ints(n));
        CudaKernels.download(row, s, 0);
    }

    @Override
    public synchronized void liftCentered(long[] residues, long sourceModulus, Modulus target, long[] out) {
        int n = residues.length;
        DeviceBuffer s = rows(n, residues);
        kernels().elementwise(kernels().liftCentered, n, address(s, 0), longs(sourceModulus), address(s, n),
                longs(target.q), longs(Long.divideUnsigned(-1L, target.q)), ints(n));
        CudaKernels.download(out, s, n);
    }

    @Override
    public synchronized void add(long[] a, long[] b, long[] out, Modulus m) {
        int n = a.length;
        DeviceBuffer s = rows(n, a, b);
        kernels().elementwise(kernels().addRows, n, address(s, 0), address(s, n), address(s, 0), longs(m.q), ints(n));
        CudaKernels.download(out, s, 0);
    }

    @Override
    public synchronized void sub(long[] a, long[] b, long[] out, Modulus m) {
        int n = a.length;
        DeviceBuffer s = rows(n, a, b);
        kernels().elementwise(kernels().subRows, n, address(s, 0), address(s, n), address(s, 0), longs(m.q), ints(n));
        CudaKernels.download(out, s, 0);
    }

    @Override
    public synchronized void subtractAndScale(long[] row, long[] subtrahend, long c, long cShoup, Modulus m) {
        int n = row.length;
        DeviceBuffer s = rows(n, row, subtrahend);
        kernels().elementwise(kernels().subtractAndScale, n, address(s, 0), address(s, n), longs(c), longs(cShoup),
                longs(m.q), ints(n));
        CudaKernels.download(row, s, 0);
    }

    /** The device tables of {@code ntt}, uploaded on first use. */
    synchronized DeviceNtt deviceNtt(Ntt ntt) {
        return tables.computeIfAbsent(ntt, t -> new DeviceNtt(NttTwiddles.of(t)));
    }

    /** Uploads the rows (each of n words) one after another into the scratch buffer. */
    private DeviceBuffer rows(int n, long[]... rows) {
        kernels(); // binds the context to this thread before the copies
        DeviceBuffer s = scratch((long) rows.length * n);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != n) throw new IllegalArgumentException("rows of different lengths: " + rows[i].length + " and " + n);
            CudaKernels.upload(s, (long) i * n, rows[i]);
        }
        return s;
    }

    private DeviceBuffer scratch(long words) {
        if (scratch == null || scratch.words() < words) {
            if (scratch != null) scratch.free();
            scratch = new DeviceBuffer(Math.max(words, scratch == null ? 0 : 2 * scratch.words()));
        }
        return scratch;
    }

    private DeviceBuffer descriptors(long words) {
        if (descriptors == null || descriptors.words() < words) {
            if (descriptors != null) descriptors.free();
            descriptors = new DeviceBuffer(Math.max(words, 64));
        }
        return descriptors;
    }

    private static CudaKernels kernels() {
        return GpuDevice.require();
    }
}
