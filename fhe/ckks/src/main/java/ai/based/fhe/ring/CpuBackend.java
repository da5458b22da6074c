package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;


/** The pure-Java kernels, one residue at a time. */
public final class CpuBackend implements ComputeBackend {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public void forwardNtt(Ntt tables, long[] row) {
        tables.forward(row);
    }

    @Override
    public void inverseNtt(Ntt tables, long[] row) {
        tables.inverse(row);
    }

    @Override
    public void mulAccumulateLazy(long[] x, long[] w, long[] wShoup, long[] acc, Modulus m) {
        long fourQ = m.q << 2;
        // each lazy product is below 2q: adding it to a sum kept below 4q stays below 6q < 2^63
        for (int i = 0; i < acc.length; i++) {
            long s = acc[i] + m.mulShoupLazy(x[i], w[i], wShoup[i]);
            acc[i] = s >= fourQ ? s - fourQ : s;
        }
    }

    @Override
    public void reduceLazy(long[] row, Modulus m) {
        long q = m.q;
        long twoQ = q << 1;
        for (int i = 0; i < row.length; i++) {
            long x = row[i];
            if (x >= twoQ) x -= twoQ;
            if (x >= q) x -= q;
            row[i] = x;
        }
    }

    @Override
    public void liftCentered(long[] residues, long sourceModulus, Modulus target, long[] out) {
        // The same centred integer in every target prime: mixing representations would lift different integers.
        long half = sourceModulus >>> 1;
        for (int i = 0; i < residues.length; i++) {
            long x = residues[i];
            out[i] = x > half ? target.neg(target.reduce64(sourceModulus - x)) : target.reduce64(x);
        }
    }

    @Override
    public void add(long[] a, long[] b, long[] out, Modulus m) {
        long q = m.q;
        for (int i = 0; i < a.length; i++) {
            long s = a[i] + b[i];
            out[i] = s >= q ? s - q : s;
        }
    }

    @Override
    public void sub(long[] a, long[] b, long[] out, Modulus m) {
        long q = m.q;
        for (int i = 0; i < a.length; i++) {
            long d = a[i] - b[i];
            out[i] = d < 0 ? d + q : d;
        }
    }

    @Override
    public void subtractAndScale(long[] row, long[] subtrahend, long c, long cShoup, Modulus m) {
        for (int i = 0; i < row.length; i++) {
            row[i] = m.mulShoup(m.sub(row[i], subtrahend[i]), c, cShoup);
        }
    }
}
