package ai.based.gpu;

/** One prime's NTT tables in device memory: [psiRev | psiRevShoup | psiInvRev | psiInvRevShoup], N words each. */
final class DeviceNtt implements AutoCloseable {
    /** Words of one RowDesc record (ckks_kernels.cu), as {@link #describe} writes it. */
    static final int DESCRIPTOR_WORDS = 8;

    final long q;
    final int n;
    final NttPlan plan;
    final long nInv;
    final long nInvShoup;
    private final DeviceBuffer tables;

    DeviceNtt(NttTwiddles twiddles) {
        this.q = twiddles.q();
        this.n = 1 << twiddles.logN();
        this.plan = NttPlan.of(twiddles.logN());
        this.nInv = twiddles.nInv();
        this.nInvShoup = twiddles.nInvShoup();
        tables = new DeviceBuffer(4L * n);
        CudaKernels.upload(tables, 0, twiddles.psiRev());
        CudaKernels.upload(tables, n, twiddles.psiRevShoup());
        CudaKernels.upload(tables, 2L * n, twiddles.psiInvRev());
        CudaKernels.upload(tables, 3L * n, twiddles.psiInvRevShoup());
    }

    /** Writes the 8-word RowDesc of an in-place transform of the row at {@code rowAddress} into {@code out} at {@code offset}. */
    void describe(long rowAddress, boolean inverse, long[] out, int offset) {
        describe(rowAddress, inverse, 0, 0, out, offset);
    }

    /**
     * The RowDesc of a transform whose first pass reads {@code sourceAddress} (0: the row itself) and, forward only,
     * lifts it centred from residues mod {@code sourceModulus} (0: no lift): ModUp and base conversions fused into
     * the NTT.
     */
    void describe(long rowAddress, boolean inverse, long sourceAddress, long sourceModulus, long[] out, int offset) {
        out[offset] = rowAddress;
        out[offset + 1] = tables.address(inverse ? 2L * n : 0);
        out[offset + 2] = tables.address(inverse ? 3L * n : n);
        out[offset + 3] = q;
        out[offset + 4] = nInv;
        out[offset + 5] = nInvShoup;
        out[offset + 6] = sourceAddress;
        out[offset + 7] = sourceModulus;
    }

    @Override
    public void close() {
        tables.free();
    }
}
