package ai.based.fhe.rlwe;

import java.lang.ref.Cleaner;

/**
 * An RLWE ciphertext (c_0, c_1[, c_2]) at {@code level} (rows 0..level, NTT form) carrying a message scaled by
 * {@code scale}. Decrypts as c_0 + c_1 s (+ c_2 s^2).
 *
 * <p>Its rows live on the host, in an accelerator's memory ({@link ResidentRows}, see {@link CiphertextAccelerator}),
 * or in both as copies of one another. {@link #poly} brings them to the host and gives up the accelerator's copy,
 * because the caller may write into the rows it gets: a write never leaves a stale copy behind. {@link #readPoly}
 * brings them to the host for reading and keeps the copy. Rows are to be used at once, not kept across an
 * accelerated operation; writing into a ciphertext that another thread is evaluating is a race, as on the host. An
 * operation holds the accelerator's copy through a {@link Lease}: a copy given up meanwhile (by another thread's
 * {@link #poly}) is freed when the last lease closes, never under an operation; otherwise it is freed when given up
 * or when the ciphertext is collected.
 */
public final class Ciphertext {
    private final int degree;
    private final int level;
    private final int n;
    /** The host rows, or null while only the accelerator holds them. */
    private volatile long[][][] polys;
    /** The accelerator's copy, or null; read without the lock on the host-only path. */
    private volatile Resident resident;
    private double scale;

    /** The cleaner's thread starts with the first accelerator copy, not in every JVM that loads this class. */
    private static final class Cleaners {
        static final Cleaner RESIDENT = Cleaner.create();
    }

    /**
     * An accelerator's copy, what frees it (the action holds the rows, never the ciphertext), and the leases of the
     * operations using it; its fields change under the ciphertext's lock.
     */
    private static final class Resident {
        final CiphertextAccelerator accelerator;
        final ResidentRows rows;
        final Cleaner.Cleanable cleanable;
        int leases;
        boolean givenUp;

        Resident(CiphertextAccelerator accelerator, ResidentRows rows, Cleaner.Cleanable cleanable) {
            this.accelerator = accelerator;
            this.rows = rows;
            this.cleanable = cleanable;
        }
    }

    /**
     * The accelerator's rows held for one operation: they are not freed before {@link #close}, and the ciphertext
     * stays reachable (so not collected) while the lease is open.
     */
    public final class Lease implements AutoCloseable {
        private final Resident held;
        /** An operation writes into the rows: a host copy read meanwhile (a race, as on the host) is dropped at close. */
        private final boolean write;
        private boolean closed;

        private Lease(Resident held, boolean write) {
            this.held = held;
            this.write = write;
        }

        public ResidentRows rows() {
            return held.rows;
        }

        @Override
        public void close() {
            synchronized (Ciphertext.this) {
                if (closed) return;
                closed = true;
                if (write && resident == held) polys = null; // the accelerator's rows are the current ones
                if (--held.leases == 0 && held.givenUp) held.cleanable.clean();
            }
        }
    }

    public Ciphertext(long[][][] polys, int level, double scale) {
        this.polys = polys;
        this.degree = polys.length - 1;
        this.level = level;
        this.n = polys[0][0].length;
        this.scale = scale;
    }

    private Ciphertext(CiphertextAccelerator accelerator, ResidentRows rows, int level, int n, double scale) {
        if (rows.level() != level) throw new IllegalArgumentException("rows at level " + rows.level() + " for a ciphertext at level " + level);
        this.degree = rows.degree();
        this.level = level;
        this.n = n;
        this.scale = scale;
        attach(accelerator, rows);
    }

    public static Ciphertext zeros(int degree, int level, int n, double scale) {
        return new Ciphertext(new long[degree + 1][level + 1][n], level, scale);
    }

    /** A ciphertext whose rows (of ring degree {@code n}) are only in {@code accelerator}'s memory, as an operation left them. */
    public static Ciphertext inAccelerator(CiphertextAccelerator accelerator, ResidentRows rows, int level, int n, double scale) {
        return new Ciphertext(accelerator, rows, level, n, scale);
    }

    /** Polynomial i's rows on the host, to read or write (the accelerator's copy, if any, is given up). */
    public long[][] poly(int i) {
        long[][][] host = polys;
        if (host != null && resident == null) return host[i];
        synchronized (this) {
            host = hostRows();
            release();
            return host[i];
        }
    }

    /** Polynomial i's rows on the host, only to read: an accelerator's copy stays valid beside them. */
    public long[][] readPoly(int i) {
        long[][][] host = polys;
        if (host != null) return host[i];
        synchronized (this) {
            return hostRows()[i];
        }
    }

    /**
     * The rows in {@code accelerator}'s memory for one operation: the copy held, or the host rows uploaded now and kept
     * beside them (a copy in another accelerator is brought back first). The accelerator's operations only read their
     * operands. Close the lease when the operation is done.
     */
    public synchronized Lease lease(CiphertextAccelerator accelerator) {
        return new Lease(held(accelerator), false);
    }

    /**
     * As {@link #lease}, for an operation that writes into the accelerator's rows: the host's copy is given up, since
     * it would be stale (and one read while the write runs is dropped when the lease closes).
     */
    public synchronized Lease leaseForWrite(CiphertextAccelerator accelerator) {
        Lease lease = new Lease(held(accelerator), true);
        polys = null;
        return lease;
    }

    /** The copy in {@code accelerator}, uploaded now if need be, with one more lease on it. Under the lock. */
    private Resident held(CiphertextAccelerator accelerator) {
        Resident r = resident;
        if (r == null || r.accelerator != accelerator) {
            long[][][] host = hostRows();
            release();
            attach(accelerator, accelerator.upload(host, level));
            r = resident;
        }
        r.leases++;
        return r;
    }

    /**
     * The rows become {@code rows}, held in {@code accelerator}'s memory only: an operation's result written into this
     * ciphertext. The host's rows and any earlier copy are given up.
     */
    public synchronized void replaceRows(CiphertextAccelerator accelerator, ResidentRows rows) {
        if (rows.degree() != degree || rows.level() != level) {
            throw new IllegalArgumentException("rows of degree " + rows.degree() + " at level " + rows.level() + " for a ciphertext of degree "
                    + degree + " at level " + level);
        }
        release();
        polys = null;
        attach(accelerator, rows);
    }

    /** Whether an accelerator holds the rows. */
    public boolean isResident() {
        return resident != null;
    }

    /** Whether the host holds the rows (without a download). */
    public boolean onHost() {
        return polys != null;
    }

    public int degree() {
        return degree;
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

    /** A host copy; this ciphertext keeps its accelerator copy. */
    public Ciphertext copy() {
        long[][][] source;
        synchronized (this) {
            source = hostRows();
        }
        long[][][] copy = new long[degree + 1][][];
        for (int i = 0; i <= degree; i++) {
            copy[i] = new long[level + 1][];
            for (int r = 0; r <= level; r++) copy[i][r] = source[i][r].clone();
        }
        return new Ciphertext(copy, level, scale);
    }

    /** The host rows, downloaded if only the accelerator has them (the copy is kept). Under the lock. */
    private long[][][] hostRows() {
        long[][][] host = polys;
        if (host == null) {
            host = new long[degree + 1][level + 1][n];
            resident.rows.download(host);
            polys = host;
        }
        return host;
    }

    private void attach(CiphertextAccelerator accelerator, ResidentRows rows) {
        resident = new Resident(accelerator, rows, Cleaners.RESIDENT.register(this, rows::free));
    }

    /** Gives the accelerator's copy up: freed now, or by the last open lease. Under the lock. */
    private void release() {
        Resident r = resident;
        if (r != null) {
            resident = null;
            r.givenUp = true;
            if (r.leases == 0) r.cleanable.clean();
        }
    }
}
