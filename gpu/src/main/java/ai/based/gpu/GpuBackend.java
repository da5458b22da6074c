package ai.based.gpu;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.ring.Avx2Backend;
import ai.based.fhe.ring.CpuBackend;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.Ntt;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.VectorBackend;
import ai.based.fhe.rlwe.CiphertextAccelerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compute SPI with a CUDA device (device 0, JCuda's driver API). Chosen over the CPU backends whenever a device
 * answers; {@code -Dbased.ckks.backend=gpu} asks for it explicitly, any other value turns it off. Results are the
 * CPU kernels' residues bit for bit.
 *
 * <p>The SPI hands over host rows, and a row's round trip over PCIe (two 128 KB pageable copies at N = 16384, about
 * 30 µs) costs more than the AVX-512 kernel it would replace (measured on the H200 machine: multiply + relinearise
 * takes about twice the CPU's time with every per-row call on the device; gpu/README.md). So single-row calls
 * run on the best CPU backend, and only batched NTTs of at least {@link #DEVICE_BATCH} rows go to the device. The
 * GPU's real speed needs device-resident data: the library's evaluator gets it through {@link #ciphertexts}, which
 * gives each ring shape a {@link DeviceAccelerator} ({@code -Dbased.gpu.accelerator=off} turns it off).
 * {@code -Dbased.gpu.rows=device} sends every per-row call to the device (GpuBitExactnessTest proves each kernel there
 * against the CPU's).
 */
public final class GpuBackend implements ComputeBackend, CiphertextAccelerator.Source {
    /** Above the CPU backends' 0 to 2. */
    static final int PRIORITY = 10;
    /** Fewest rows of a batched NTT that go to the device. */
    static final int DEVICE_BATCH = 8;
    static final String ROWS_PROPERTY = "based.gpu.rows";
    static final String ACCELERATOR_PROPERTY = "based.gpu.accelerator";

    private final ComputeBackend host;
    private final boolean allOnDevice;
    private volatile DeviceRows device;
    /** By the ring's degree and primes: rings built apart from one parameter set share one accelerator. */
    private final Map<List<Long>, Optional<CiphertextAccelerator>> accelerators = new ConcurrentHashMap<>();

    public GpuBackend() {
        // the best CPU backend by the library's own rule: AVX-512, else AVX2, else scalar
        ComputeBackend vector = new VectorBackend();
        ComputeBackend avx2 = new Avx2Backend();
        this.host = vector.available() ? vector : avx2.available() ? avx2 : new CpuBackend();
        this.allOnDevice = "device".equals(System.getProperty(ROWS_PROPERTY));
    }

    @Override
    public String name() {
        return GpuDevice.NAME;
    }

    @Override
    public boolean available() {
        return GpuDevice.wanted() && GpuDevice.kernels() != null;
    }

    /** Why {@link #available()} is false, or null when it is true. */
    public String unavailableReason() {
        if (!GpuDevice.wanted()) return "-D" + GpuDevice.PROPERTY + "=" + System.getProperty(GpuDevice.PROPERTY) + " names another backend";
        return GpuDevice.reason();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Where single-row calls run: the CPU backend, or the device under -Dbased.gpu.rows=device. */
    public String rowsOn() {
        return allOnDevice ? "device" : host.name();
    }

    @Override
    public void forwardNtt(Ntt ntt, long[] row) {
        rows().forwardNtt(ntt, row);
    }

    @Override
    public void inverseNtt(Ntt ntt, long[] row) {
        rows().inverseNtt(ntt, row);
    }

    @Override
    public void forwardNtt(Ntt[] ntts, long[][] rows) {
        (rows.length >= DEVICE_BATCH ? device() : rows()).forwardNtt(ntts, rows);
    }

    @Override
    public void inverseNtt(Ntt[] ntts, long[][] rows) {
        (rows.length >= DEVICE_BATCH ? device() : rows()).inverseNtt(ntts, rows);
    }

    @Override
    public void mulAccumulateLazy(long[] x, long[] w, long[] wShoup, long[] acc, Modulus m) {
        rows().mulAccumulateLazy(x, w, wShoup, acc, m);
    }

    @Override
    public void reduceLazy(long[] row, Modulus m) {
        rows().reduceLazy(row, m);
    }

    @Override
    public void liftCentered(long[] residues, long sourceModulus, Modulus target, long[] out) {
        rows().liftCentered(residues, sourceModulus, target, out);
    }

    @Override
    public void add(long[] a, long[] b, long[] out, Modulus m) {
        rows().add(a, b, out, m);
    }

    @Override
    public void sub(long[] a, long[] b, long[] out, Modulus m) {
        rows().sub(a, b, out, m);
    }

    @Override
    public void subtractAndScale(long[] row, long[] subtrahend, long c, long cShoup, Modulus m) {
        rows().subtractAndScale(row, subtrahend, c, cShoup, m);
    }

    /**
     * The device accelerator for {@code ring}, one per ring shape; empty without a device, under
     * {@code -Dbased.gpu.accelerator=off}, and when the device has no room for the ring's tables and scratch rows (said once on stderr; the CPU evaluates that ring).
     */
    @Override
    public Optional<CiphertextAccelerator> ciphertexts(RingContext ring) {
        if (!available() || "off".equals(System.getProperty(ACCELERATOR_PROPERTY))) return Optional.empty();
        List<Long> shape = new ArrayList<>();
        shape.add((long) ring.n());
        for (int i = 0; i < ring.qCount() + ring.pCount(); i++) shape.add(ring.modulus(i).q);
        return accelerators.computeIfAbsent(shape, s -> {
            try {
                return Optional.of(new DeviceAccelerator(ring));
            } catch (RuntimeException e) {
                System.err.println("based.ckks: no device accelerator for N=" + ring.n() + " with " + ring.qCount() + " primes ("
                        + GpuDevice.essence(e.getMessage()) + "); the CPU evaluates it");
                return Optional.empty();
            }
        });
    }

    private ComputeBackend rows() {
        return allOnDevice ? device() : host;
    }

    private DeviceRows device() {
        DeviceRows d = device;
        if (d == null) {
            synchronized (this) {
                if (device == null) device = new DeviceRows();
                d = device;
            }
        }
        return d;
    }
}
