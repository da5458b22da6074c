package ai.based.fhe.rlwe;

/**
 * An RLWE ciphertext (c_0, c_1[, c_2]) at {@code level} (rows 0..level, NTT form) carrying a message scaled by
 * {@code scale}. Decrypts as c_0 + c_1 s (+ c_2 s^2).
 */
public final class Ciphertext {
    private final long[][][] polys;
    private final int level;
    private double scale;

    public Ciphertext(long[][][] polys, int level, double scale) {
        this.polys = polys;
        this.level = level;
        this.scale = scale;
    }

    public static Ciphertext zeros(int degree, int level, int n, double scale) {
        return new Ciphertext(new long[degree + 1][level + 1][n], level, scale);
    }

    public long[][] poly(int i) {
        return polys[i];
    }

    public int degree() {
        return polys.length - 1;
    }

    public int level() {
        return level;
    }

    public double scale() {
        return scale;
    }

    public void setScale(double scale) {
        this.scale = scale;
    }

    public Ciphertext copy() {
        long[][][] copy = new long[polys.length][][];
        for (int i = 0; i < polys.length; i++) {
            copy[i] = new long[level + 1][];
            for (int r = 0; r <= level; r++) copy[i][r] = polys[i][r].clone();
        }
        return new Ciphertext(copy, level, scale);
    }
}
