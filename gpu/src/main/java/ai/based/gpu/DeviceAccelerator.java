package ai.based.gpu;

import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.KeyDigits;
import ai.based.fhe.rlwe.CiphertextAccelerator;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.ResidentRows;
import ai.based.fhe.rlwe.SwitchingKey;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's {@link CiphertextAccelerator} on the device: the evaluator's multiply + relinearise, rotations
 * (hoisted too), conjugation, rescaling, additions, subtractions and plaintext products (and their sums) run as
 * {@link DeviceEvaluator}'s kernels on {@link DeviceCiphertext}s that stay in device memory until something on the host
 * reads them. Keys and plaintexts go to the device the first time they are used (a plaintext's rows are not to change
 * once used: a linear transform's diagonals, encoded once). One ring's accelerator; its device work is serialised (one
 * stream, shared scratch rows, and every table the operations need made with the evaluator).
 *
 * <p>Device memory follows the ciphertexts: a result the program drops is freed when the JVM collects it, which the
 * collector does not hurry for memory it cannot see. An allocation the device refuses is therefore retried after a
 * collection, or after evicting plaintexts' device copies ({@link DeviceHoldings}). A key the device has no room for
 * is declined, and its operations run on the CPU; a level-limited key takes the memory of its rows only, and is
 * refused above its level as the CPU refuses it. A lean or compact key (a miner's: the host holds b and a seed) goes
 * up whole: its uniform half and companions are expanded on the host for the upload only.
 */
final class DeviceAccelerator implements CiphertextAccelerator {
    private final RingContext ring;
    private final CudaKernels kernels;
    private final DeviceEvaluator evaluator;
    /** The keys and plaintexts on the device, and allocations retried after a collection; under the device lock. */
    private final DeviceHoldings holdings;

    DeviceAccelerator(RingContext ring) {
        this.ring = ring;
        this.kernels = GpuDevice.require();
        this.evaluator = new DeviceEvaluator(ring);
        this.holdings = new DeviceHoldings(ring, kernels, evaluator);
    }

    @Override
    public String name() {
        return GpuDevice.NAME + " (" + kernels.deviceName() + ")";
    }

    /** A key of the ring that is on the device, or now uploaded there; false when it cannot be (the CPU runs it). */
    @Override
    public boolean accepts(SwitchingKey key) {
        if (!fits(ring, key)) return false;
        synchronized (evaluator) {
            return holdings.holds(key); // no room for it even after a collection: its operations stay on the CPU
        }
    }

    /**
     * Whether {@code key} can go to the device: the kernels read b, a and both Shoup companions at every prime of the
     * levels it serves, so every part the key holds must have the digits of its level and rows of N words there (and
     * no others: the layout UniformSeed.shape gives a level-limited key); the parts a lean or compact key lacks are
     * made for the upload ({@link #whole}).
     */
    static boolean fits(RingContext ring, SwitchingKey key) {
        if (key.isCompact() && key.seed().isEmpty()) return false;
        int level = key.maxLevel(ring);
        for (long[][][] part : new long[][][][] {key.b(), key.a(), key.bShoup(), key.aShoup()}) {
            if (part != null && !shapeOfLevel(ring, part, level)) return false;
        }
        return true;
    }

    /**
     * The key with all four parts, as the device holds it: a compact key's uniform half expanded from its seed, a lean
     * key's companions computed; the same residues as the key the client made. Transient: the host keeps its form.
     */
    static SwitchingKey whole(RingContext ring, SwitchingKey key) {
        if (!key.isLean()) return key;
        if (key.isCompact()) return SwitchingKey.seeded(ring, key.galoisElement(), key.b(), key.seed().orElseThrow(), key.maxLevel(ring));
        return SwitchingKey.of(ring, key.galoisElement(), key.b(), key.a());
    }

    /** The digits of a key serving levels up to {@code level}, each with rows of N words at q_0..q_level and the special primes, none above. */
    private static boolean shapeOfLevel(RingContext ring, long[][][] part, int level) {
        if (part.length != KeyDigits.of(ring).countAt(level)) return false;
        int primes = ring.qCount() + ring.pCount();
        for (long[][] digit : part) {
            if (digit.length != primes) return false;
            for (int i = 0; i < primes; i++) {
                boolean served = i <= level || i >= ring.qCount();
                if (digit[i].length != (served ? ring.n() : 0)) return false;
            }
        }
        return true;
    }

    @Override
    public ResidentRows upload(long[][][] polys, int level) {
        synchronized (evaluator) {
            return new Rows(holdings.withMemory(() -> DeviceCiphertext.upload(polys, level, 1)));
        }
    }

    @Override
    public ResidentRows mulRelin(ResidentRows a, ResidentRows b, int level, SwitchingKey relinearization) {
        synchronized (evaluator) {
            DeviceSwitchingKey key = holdings.key(relinearization);
            return computed(allocate(level), out -> evaluator.mulRelinInto(own(a), own(b), key, out));
        }
    }

    @Override
    public ResidentRows applyGalois(ResidentRows c, int level, SwitchingKey galoisKey) {
        synchronized (evaluator) {
            DeviceSwitchingKey key = holdings.key(galoisKey);
            return computed(allocate(level), out -> evaluator.rotateInto(own(c), key, out));
        }
    }

    @Override
    public List<ResidentRows> applyGaloisHoisted(ResidentRows c, int level, List<SwitchingKey> galoisKeys) {
        synchronized (evaluator) {
            DeviceSwitchingKey[] deviceKeys = new DeviceSwitchingKey[galoisKeys.size()];
            for (int i = 0; i < deviceKeys.length; i++) deviceKeys[i] = holdings.key(galoisKeys.get(i));
            DeviceCiphertext[] outs = new DeviceCiphertext[galoisKeys.size()];
            try {
                for (int i = 0; i < outs.length; i++) outs[i] = allocate(level);
                evaluator.rotateHoistedInto(own(c), deviceKeys, outs);
            } catch (RuntimeException e) {
                for (DeviceCiphertext out : outs) if (out != null) out.close();
                throw e;
            }
            List<ResidentRows> rows = new ArrayList<>();
            for (DeviceCiphertext out : outs) rows.add(new Rows(out));
            return rows;
        }
    }

    @Override
    public ResidentRows rescale(ResidentRows c, int level) {
        synchronized (evaluator) {
            return computed(allocate(level - 1), out -> evaluator.rescaleInto(own(c), out));
        }
    }

    @Override
    public ResidentRows add(ResidentRows a, ResidentRows b, int level) {
        return combined(a, b, level, false);
    }

    @Override
    public ResidentRows sub(ResidentRows a, ResidentRows b, int level) {
        return combined(a, b, level, true);
    }

    private ResidentRows combined(ResidentRows a, ResidentRows b, int level, boolean subtract) {
        synchronized (evaluator) {
            DeviceCiphertext x = own(a);
            DeviceCiphertext y = own(b);
            return computed(allocate(x.degree, level), out -> evaluator.elementwise().addInto(x, y, out, subtract));
        }
    }

    @Override
    public void addInPlace(ResidentRows acc, ResidentRows b, int level) {
        combinedInPlace(acc, b, false);
    }

    @Override
    public void subInPlace(ResidentRows acc, ResidentRows b, int level) {
        combinedInPlace(acc, b, true);
    }

    private void combinedInPlace(ResidentRows acc, ResidentRows b, boolean subtract) {
        synchronized (evaluator) {
            DeviceCiphertext x = own(acc);
            evaluator.elementwise().addInto(x, own(b), x, subtract);
        }
    }

    @Override
    public ResidentRows mulPlain(ResidentRows a, Plaintext p, int level) {
        synchronized (evaluator) {
            DeviceCiphertext x = own(a);
            DeviceCiphertext result = allocate(x.degree, level);
            // looked up after the allocation, whose retry waits without the lock: a collection then may free a
            // plaintext the caller no longer holds, never one between its lookup and the launch
            return computed(result, out -> evaluator.elementwise().mulPlainInto(x, holdings.plaintext(p), out, false));
        }
    }

    @Override
    public ResidentRows mulPlainSum(List<ResidentRows> cs, List<Plaintext> ps, int level) {
        synchronized (evaluator) {
            List<DeviceCiphertext> operands = cs.stream().map(this::own).toList();
            holdings.withMemory(() -> {
                evaluator.elementwise().reserveTerms(ps.size());
                return null;
            });
            DeviceCiphertext result = allocate(operands.getFirst().degree, level); // before the plaintexts' lookups, as mulPlain's
            ResidentRows sum = computed(result, out -> evaluator.elementwise().mulPlainSumInto(operands, holdings.plaintexts(ps), out));
            Reference.reachabilityFence(ps); // an upload's retry waits without the lock: the earlier plaintexts stay
            return sum;
        }
    }

    @Override
    public void mulPlainAdd(ResidentRows a, Plaintext p, ResidentRows acc, int level) {
        synchronized (evaluator) {
            DeviceCiphertext sum = own(acc);
            evaluator.elementwise().mulPlainInto(own(a), holdings.plaintext(p), sum, true);
        }
    }

    @Override
    public ResidentRows mulRelinRescale(ResidentRows a, ResidentRows b, int level, SwitchingKey relinearization) {
        synchronized (evaluator) {
            DeviceSwitchingKey key = holdings.key(relinearization);
            return computed(allocate(level - 1), out -> evaluator.mulRelinRescaleInto(own(a), own(b), key, out));
        }
    }

    @Override
    public ResidentRows extend(ResidentRows c, int level) {
        synchronized (evaluator) {
            return computed(allocate(level + ring.pCount()), out -> evaluator.elementwise().extendInto(own(c), out));
        }
    }

    @Override
    public ResidentRows rotateExtended(ResidentRows c, int level, SwitchingKey galoisKey) {
        synchronized (evaluator) {
            DeviceSwitchingKey key = holdings.key(galoisKey);
            return computed(allocate(level + ring.pCount()), out -> evaluator.rotateExtendedInto(own(c), key, out));
        }
    }

    @Override
    public void addExtendedInPlace(ResidentRows acc, ResidentRows x, int level) {
        synchronized (evaluator) {
            DeviceCiphertext sum = own(acc);
            evaluator.elementwise().addExtendedInto(sum, own(x), sum, level);
        }
    }

    @Override
    public ResidentRows modDownRescale(ResidentRows x, int level) {
        synchronized (evaluator) {
            return computed(allocate(level - 1), out -> evaluator.modDownRescaleInto(own(x), level, out));
        }
    }

    @Override
    public ResidentRows multiply(ResidentRows a, ResidentRows b, int level) {
        synchronized (evaluator) {
            return computed(allocate(2, level), out -> evaluator.multiplyInto(own(a), own(b), out));
        }
    }

    @Override
    public ResidentRows relinearize(ResidentRows c, int level, SwitchingKey relinearization) {
        synchronized (evaluator) {
            DeviceSwitchingKey key = holdings.key(relinearization);
            return computed(allocate(level), out -> evaluator.relinearizeInto(own(c), key, out));
        }
    }

    @Override
    public ResidentRows relinearizeRescale(ResidentRows c, int level, SwitchingKey relinearization) {
        synchronized (evaluator) {
            DeviceSwitchingKey key = holdings.key(relinearization);
            return computed(allocate(level - 1), out -> evaluator.relinearizeRescaleInto(own(c), key, out));
        }
    }

    @Override
    public ResidentRows mulConst(ResidentRows c, int level, long[] constants) {
        synchronized (evaluator) {
            DeviceCiphertext x = own(c);
            return computed(allocate(x.degree, level), out -> evaluator.elementwise().mulConstInto(x, constants, out));
        }
    }

    @Override
    public ResidentRows addConst(ResidentRows c, int level, long[] constants) {
        synchronized (evaluator) {
            DeviceCiphertext x = own(c);
            return computed(allocate(x.degree, level), out -> evaluator.elementwise().addConstInto(x, constants, out));
        }
    }

    @Override
    public ResidentRows addPlain(ResidentRows c, Plaintext p, int level) {
        synchronized (evaluator) {
            DeviceCiphertext x = own(c);
            DeviceCiphertext result = allocate(x.degree, level); // before the plaintext's lookup, as mulPlain's
            return computed(result, out -> evaluator.elementwise().addPlainInto(x, holdings.plaintext(p), out));
        }
    }

    @Override
    public ResidentRows dropLevel(ResidentRows c, int level, int targetLevel) {
        synchronized (evaluator) {
            DeviceCiphertext x = own(c);
            return computed(allocate(x.degree, targetLevel), out -> evaluator.elementwise().dropLevelInto(x, out));
        }
    }

    /** {@code out} filled by {@code operation}, as rows the library holds; freed at once if the operation fails. Under the lock. */
    private ResidentRows computed(DeviceCiphertext out, java.util.function.Consumer<DeviceCiphertext> operation) {
        try {
            operation.accept(out);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return new Rows(out);
    }

    private DeviceCiphertext allocate(int level) {
        return allocate(1, level);
    }

    private DeviceCiphertext allocate(int degree, int level) {
        kernels.bind(); // the context is current per thread, and the library's threads come and go
        return holdings.withMemory(() -> evaluator.allocate(degree, level, 1));
    }

    private DeviceCiphertext own(ResidentRows rows) {
        if (!(rows instanceof Rows r) || r.owner() != this) throw new IllegalArgumentException("rows of another accelerator");
        if (r.freed) throw new IllegalStateException("device rows used after they were freed");
        return r.ciphertext;
    }

    /** A device ciphertext as the library holds it; freed under the device lock, from whichever thread lets it go. */
    private final class Rows implements ResidentRows {
        private final DeviceCiphertext ciphertext;
        private boolean freed;

        Rows(DeviceCiphertext ciphertext) {
            this.ciphertext = ciphertext;
        }

        DeviceAccelerator owner() {
            return DeviceAccelerator.this;
        }

        @Override
        public int degree() {
            return ciphertext.degree;
        }

        @Override
        public int level() {
            return ciphertext.level;
        }

        @Override
        public void download(long[][][] into) {
            synchronized (evaluator) {
                if (freed) throw new IllegalStateException("device rows downloaded after they were freed");
                ciphertext.downloadInto(into);
            }
        }

        @Override
        public void free() {
            synchronized (evaluator) {
                if (freed) return;
                freed = true;
                kernels.bind(); // the cleaner's thread may never have used the device
                ciphertext.close();
            }
        }
    }
}
