package ai.based.gpu;

import ai.based.fhe.rlwe.Ciphertext;

/**
 * A ciphertext living in device memory: polynomials 0..degree, each with rows 0..level (NTT form) back to back.
 * Its memory is freed by {@link #close()}; copies to and from the host happen only in {@link #upload} and
 * {@link #download}.
 */
public final class DeviceCiphertext implements AutoCloseable {
    final DeviceBuffer rows;
    final int degree;
    final int level;
    final int n;
    private double scale;

    DeviceCiphertext(int degree, int level, int n, double scale) {
        this.degree = degree;
        this.level = level;
        this.n = n;
        this.scale = scale;
        this.rows = new DeviceBuffer((long) (degree + 1) * (level + 1) * n);
    }

    public static DeviceCiphertext upload(Ciphertext c) {
        GpuDevice.require();
        int n = c.poly(0)[0].length;
        DeviceCiphertext d = new DeviceCiphertext(c.degree(), c.level(), n, c.scale());
        for (int p = 0; p <= c.degree(); p++) {
            for (int i = 0; i <= c.level(); i++) CudaKernels.upload(d.rows, d.row(p, i), c.poly(p)[i]);
        }
        return d;
    }

    public Ciphertext download() {
        GpuDevice.require();
        long[][][] polys = new long[degree + 1][level + 1][n];
        for (int p = 0; p <= degree; p++) {
            for (int i = 0; i <= level; i++) CudaKernels.download(polys[p][i], rows, row(p, i));
        }
        return new Ciphertext(polys, level, scale);
    }

    public int level() {
        return level;
    }

    public double scale() {
        return scale;
    }

    void setScale(double scale) {
        this.scale = scale;
    }

    /** Word offset of row i of polynomial p. */
    long row(int p, int i) {
        return ((long) p * (level + 1) + i) * n;
    }

    @Override
    public void close() {
        rows.free();
    }
}
