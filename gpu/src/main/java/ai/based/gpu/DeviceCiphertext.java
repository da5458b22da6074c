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
        long[][][] polys = new long[c.degree() + 1][][];
        for (int p = 0; p <= c.degree(); p++) polys[p] = c.readPoly(p);
        return upload(polys, c.level(), c.scale());
    }

    /** Rows 0..level of each of {@code polys}' polynomials (NTT form) copied to the device. */
    static DeviceCiphertext upload(long[][][] polys, int level, double scale) {
        GpuDevice.require();
        DeviceCiphertext d = new DeviceCiphertext(polys.length - 1, level, polys[0][0].length, scale);
        try {
            for (int p = 0; p < polys.length; p++) {
                for (int i = 0; i <= level; i++) CudaKernels.upload(d.rows, d.row(p, i), polys[p][i]);
            }
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    public Ciphertext download() {
        long[][][] polys = new long[degree + 1][level + 1][n];
        downloadInto(polys);
        return new Ciphertext(polys, level, scale);
    }

    /** Row i of polynomial p into {@code polys[p][i]}. */
    void downloadInto(long[][][] polys) {
        GpuDevice.require();
        for (int p = 0; p <= degree; p++) {
            for (int i = 0; i <= level; i++) CudaKernels.download(polys[p][i], rows, row(p, i));
        }
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
