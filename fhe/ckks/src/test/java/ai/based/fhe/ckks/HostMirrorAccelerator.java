package ai.based.fhe.ckks;

import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.CiphertextAccelerator;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.ResidentRows;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An accelerator whose "device memory" is host arrays of its own, for testing the evaluator's residency protocol on
 * machines without a GPU: it computes with a host evaluator on the same keys, counts uploads, downloads, operations
 * and frees, and refuses rows that were freed or that are not its own (a use after free fails loudly).
 */
final class HostMirrorAccelerator implements CiphertextAccelerator {
    final AtomicInteger uploads = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();
    final AtomicInteger operations = new AtomicInteger();
    final AtomicInteger frees = new AtomicInteger();
    private final Parameters params;
    private final EvaluationKeys keys;
    private final Evaluator host;
    private final Predicate<SwitchingKey> accepted;
    private final java.util.Map<Long, Integer> rotations = new java.util.concurrent.ConcurrentHashMap<>();
    /** Run inside every operation once it holds its operands' rows: a test's chance to act meanwhile. */
    private volatile Runnable duringOperation = () -> {};

    HostMirrorAccelerator(Parameters params, EvaluationKeys keys, Predicate<SwitchingKey> accepted) {
        this.params = params;
        this.keys = keys;
        this.host = new Evaluator(params, keys, LimbParallelism.INLINE, null);
        this.accepted = accepted;
    }

    void duringOperation(Runnable action) {
        this.duringOperation = action;
    }

    /** An evaluator on the same keys that runs the accelerated operations here. */
    Evaluator evaluator() {
        return new Evaluator(params, keys, LimbParallelism.INLINE, this);
    }

    @Override
    public String name() {
        return "host mirror";
    }

    @Override
    public boolean accepts(SwitchingKey key) {
        return accepted.test(key);
    }

    @Override
    public ResidentRows upload(long[][][] polys, int level) {
        uploads.incrementAndGet();
        return new Mirror(polys, level, true);
    }

    @Override
    public ResidentRows mulRelin(ResidentRows a, ResidentRows b, int level, SwitchingKey relinearization) {
        requireKey(relinearization == keys.relinearization().orElseThrow(), "relinearisation");
        return run(host.mulRelin(own(a, level), own(b, level)));
    }

    @Override
    public ResidentRows applyGalois(ResidentRows c, int level, SwitchingKey galoisKey) {
        requireKey(keys.galois().get(galoisKey.galoisElement()) == galoisKey, "Galois");
        Ciphertext x = own(c, level);
        return run(galoisKey.galoisElement() == ai.based.fhe.ring.Galois.conjugationElement(params.logN()) ? host.conjugate(x)
                : host.rotate(x, rotationSteps(galoisKey.galoisElement())));
    }

    @Override
    public List<ResidentRows> applyGaloisHoisted(ResidentRows c, int level, List<SwitchingKey> galoisKeys) {
        List<ResidentRows> out = new ArrayList<>();
        for (SwitchingKey key : galoisKeys) out.add(applyGalois(c, level, key));
        return out;
    }

    @Override
    public ResidentRows rescale(ResidentRows c, int level) {
        return run(host.rescale(own(c, level)));
    }

    @Override
    public ResidentRows add(ResidentRows a, ResidentRows b, int level) {
        return run(host.add(own(a, level), own(b, level)));
    }

    @Override
    public ResidentRows sub(ResidentRows a, ResidentRows b, int level) {
        return run(host.sub(own(a, level), own(b, level)));
    }

    @Override
    public void addInPlace(ResidentRows acc, ResidentRows b, int level) {
        write(acc, host.add(own(acc, level), own(b, level)));
    }

    @Override
    public void subInPlace(ResidentRows acc, ResidentRows b, int level) {
        write(acc, host.sub(own(acc, level), own(b, level)));
    }

    @Override
    public ResidentRows mulPlain(ResidentRows a, Plaintext p, int level) {
        return run(host.mulPlain(own(a, level), p));
    }

    @Override
    public void mulPlainAdd(ResidentRows a, Plaintext p, ResidentRows acc, int level) {
        Ciphertext sum = own(acc, level);
        sum.setScale(p.scale()); // own() reads rows at scale 1: the product's scale is the plaintext's
        host.mulPlainAdd(own(a, level), p, sum);
        write(acc, sum);
    }

    @Override
    public ResidentRows mulRelinRescale(ResidentRows a, ResidentRows b, int level, SwitchingKey relinearization) {
        requireKey(relinearization == keys.relinearization().orElseThrow(), "relinearisation");
        return run(host.mulRelinRescale(own(a, level), own(b, level)));
    }

    @Override
    public ResidentRows extend(ResidentRows c, int level) {
        return run(host.extended().extend(own(c, level)).rows());
    }

    @Override
    public ResidentRows rotateExtended(ResidentRows c, int level, SwitchingKey galoisKey) {
        requireKey(keys.galois().get(galoisKey.galoisElement()) == galoisKey, "Galois");
        return run(host.extended().rotate(own(c, level), rotationSteps(galoisKey.galoisElement())).rows());
    }

    @Override
    public void addExtendedInPlace(ResidentRows acc, ResidentRows x, int level) {
        ExtendedCiphertext sum = extended(acc, level);
        host.extended().addInPlace(sum, extended(x, level));
        write(acc, sum.rows());
    }

    @Override
    public ResidentRows modDownRescale(ResidentRows x, int level) {
        // the host's division consumes its operand's rows, the accelerator's leaves them: divide a copy
        Ciphertext rows = own(x, level + params.ring().pCount()).copy();
        return run(host.extended().modDownRescale(ai.based.fhe.rlwe.ExtendedCiphertext.over(rows, level)));
    }

    @Override
    public ResidentRows multiply(ResidentRows a, ResidentRows b, int level) {
        return run(host.multiply(own(a, level), own(b, level)));
    }

    @Override
    public ResidentRows relinearize(ResidentRows c, int level, SwitchingKey relinearization) {
        requireKey(relinearization == keys.relinearization().orElseThrow(), "relinearisation");
        return run(host.relinearize(own(c, level)));
    }

    @Override
    public ResidentRows relinearizeRescale(ResidentRows c, int level, SwitchingKey relinearization) {
        requireKey(relinearization == keys.relinearization().orElseThrow(), "relinearisation");
        return run(host.relinearizeRescale(own(c, level)));
    }

    @Override
    public ResidentRows mulConst(ResidentRows c, int level, long[] constants) {
        Ciphertext x = own(c, level).copy();
        for (int d = 0; d <= x.degree(); d++) {
            for (int i = 0; i <= level; i++) ai.based.fhe.ring.PolyMath.mulScalar(x.poly(d)[i], constants[i], x.poly(d)[i], params.ring().modulus(i));
        }
        return run(x);
    }

    @Override
    public ResidentRows addConst(ResidentRows c, int level, long[] constants) {
        Ciphertext x = own(c, level).copy();
        for (int i = 0; i <= level; i++) {
            long[] row = x.poly(0)[i];
            for (int j = 0; j < row.length; j++) row[j] = params.ring().modulus(i).add(row[j], constants[i]);
        }
        return run(x);
    }

    @Override
    public ResidentRows addPlain(ResidentRows c, Plaintext p, int level) {
        Ciphertext x = own(c, level);
        x.setScale(p.scale()); // own() reads rows at scale 1: addPlain checks them against the plaintext's
        return run(host.addPlain(x, p));
    }

    @Override
    public ResidentRows dropLevel(ResidentRows c, int level, int targetLevel) {
        return run(host.dropLevel(own(c, level), targetLevel));
    }

    /** Rows over Q P at q level {@code level}, as the host's extended ciphertext. */
    private ExtendedCiphertext extended(ResidentRows rows, int level) {
        return ExtendedCiphertext.over(own(rows, level + params.ring().pCount()), level);
    }

    @Override
    public ResidentRows mulPlainSum(List<ResidentRows> cs, List<Plaintext> ps, int level) {
        List<Ciphertext> operands = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            Ciphertext c = own(cs.get(i), level);
            c.setScale(ps.getFirst().scale() / ps.get(i).scale()); // own() reads rows at scale 1: the terms' scales must agree
            operands.add(c);
        }
        return run(host.mulPlainSum(operands, ps));
    }

    /** The result's rows written over {@code target}'s: an in-place operation. */
    private void write(ResidentRows target, Ciphertext result) {
        operations.incrementAndGet();
        Mirror m = (Mirror) target;
        for (int d = 0; d <= result.degree(); d++) {
            for (int i = 0; i <= result.level(); i++) System.arraycopy(result.readPoly(d)[i], 0, m.rows[d][i], 0, m.rows[d][i].length);
        }
    }

    private ResidentRows run(Ciphertext result) {
        operations.incrementAndGet();
        return new Mirror(hostRows(result), result.level(), false); // a fresh result: its rows are the mirror's now
    }

    private static void requireKey(boolean own, String which) {
        if (!own) throw new AssertionError("the " + which + " key handed over is not the evaluator's");
    }

    /** The rotation whose element is g: steps s with 5^s = g mod 2N. */
    private int rotationSteps(long g) {
        Integer steps = rotations.computeIfAbsent(g, element -> {
            for (int s = 0; s < params.slots(); s++) if (ai.based.fhe.ring.Galois.rotationElement(s, params.logN()) == element) return s;
            return null;
        });
        if (steps == null) throw new AssertionError("no rotation has element " + g);
        return steps;
    }


    private Ciphertext own(ResidentRows rows, int level) {
        if (!(rows instanceof Mirror m) || m.owner() != this) throw new AssertionError("rows of another accelerator");
        if (m.freed) throw new AssertionError("rows used after they were freed");
        if (m.level != level) throw new AssertionError("rows at level " + m.level + " handed over as level " + level);
        duringOperation.run();
        if (m.freed) throw new AssertionError("rows freed while an operation used them");
        return new Ciphertext(m.rows, level, 1.0); // its own arrays: the host evaluator writes only an in-place operation's sum
    }

    /** The result's host rows, which the Mirror then copies into "device memory". */
    private static long[][][] hostRows(Ciphertext c) {
        long[][][] out = new long[c.degree() + 1][][];
        for (int d = 0; d <= c.degree(); d++) out[d] = c.readPoly(d);
        return out;
    }



    private final class Mirror implements ResidentRows {
        private final long[][][] rows;
        private final int level;
        private volatile boolean freed;

        /** Rows 0..level of {@code polys}, copied (an upload) or taken as they are (a result no one else holds). */
        Mirror(long[][][] polys, int level, boolean copy) {
            this.level = level;
            this.rows = new long[polys.length][level + 1][];
            for (int d = 0; d < polys.length; d++) for (int i = 0; i <= level; i++) rows[d][i] = copy ? polys[d][i].clone() : polys[d][i];
        }

        HostMirrorAccelerator owner() {
            return HostMirrorAccelerator.this;
        }

        @Override
        public int degree() {
            return rows.length - 1;
        }

        @Override
        public int level() {
            return level;
        }

        @Override
        public void download(long[][][] into) {
            if (freed) throw new AssertionError("rows downloaded after they were freed");
            downloads.incrementAndGet();
            for (int d = 0; d < rows.length; d++) for (int i = 0; i <= level; i++) System.arraycopy(rows[d][i], 0, into[d][i], 0, rows[d][i].length);
        }

        @Override
        public synchronized void free() {
            if (!freed) {
                freed = true;
                frees.incrementAndGet();
            }
        }
    }
}
