package ai.based.fhe.ckks;

/** Iterative radix-2 complex FFT with precomputed twiddles: X_t = sum_j x_j w^(tj), w = exp(2 pi i / n). */
final class Fft {
    private final int n;
    private final int logN;
    private final double[] cos;
    private final double[] sin;

    Fft(int n) {
        this.n = n;
        this.logN = Integer.numberOfTrailingZeros(n);
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = Math.sin(2 * Math.PI * i / n);
        }
    }

    void forward(double[] re, double[] im) {
        transform(re, im, 1);
    }

    /** The inverse, scaled by 1/n. */
    void inverse(double[] re, double[] im) {
        transform(re, im, -1);
        for (int i = 0; i < n; i++) {
            re[i] /= n;
            im[i] /= n;
        }
    }

    private void transform(double[] re, double[] im, int sign) {
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> (32 - logN);
            if (logN == 0) j = 0;
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >>> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
