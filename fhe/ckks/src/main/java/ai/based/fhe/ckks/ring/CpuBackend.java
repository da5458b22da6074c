package ai.based.fhe.ckks.ring;


/** The pure-Java kernels. */
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
}
