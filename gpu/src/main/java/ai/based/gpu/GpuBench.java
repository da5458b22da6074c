package ai.based.gpu;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.compute.ComputeBackends;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Ntt;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The GPU against the CPU at N = 16384 [60,40x6,60] in one run (the device check's micro-bench): multiply +
 * relinearise and rotate on the compute backend the SPI selected (host rows), the same on device-resident data
 * (DeviceEvaluator, checked bit-exact against the CPU result first), the library's Evaluator with the device
 * accelerator (its operations and a chain of them, against the host), and the NTT per (polynomial, prime) batched.
 * Usage: {@code GpuBench [runs] [--no-device]}.
 */
public final class GpuBench {
    private GpuBench() {}

    public static void main(String[] args) {
        int runs = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 20;
        boolean device = !Arrays.asList(args).contains("--no-device");
        Parameters params = Parameters.create(ParametersLiteral.N16384);
        RingContext ring = params.ring();
        ComputeBackend spi = ComputeBackends.selected();
        System.out.printf("GpuBench %s, %d runs, %d cores, single thread; SPI backend: %s%s%n", params, runs,
                Runtime.getRuntime().availableProcessors(), spi.name(),
                spi instanceof GpuBackend g ? " (single-row calls on " + g.rowsOn() + ")" : "");

        KeyGenerator keygen = new KeyGenerator(ring, Sampler.secure());
        SecretKey sk = keygen.secretKey();
        SwitchingKey rlk = keygen.relinearizationKey(sk);
        long g1 = Galois.rotationElement(1, params.logN());
        List<Integer> steps = List.of(1, 2, 3, 4);
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int step : steps) galois.put(Galois.rotationElement(step, params.logN()), keygen.galoisKey(sk, Galois.rotationElement(step, params.logN())));
        SwitchingKey gk = galois.get(g1); // the very key the CPU evaluator uses: a fresh one would switch to other residues
        Evaluator library = new Evaluator(params, new EvaluationKeys(Optional.of(rlk), galois));
        Evaluator evaluator = library.hostOnly(); // the per-row SPI's figures and the reference residues
        Encoder encoder = new Encoder(params);
        Encryptor encryptor = new Encryptor(ring, Sampler.secure());
        int top = params.maxLevel();
        Ciphertext cx = encryptor.encrypt(encoder.encode(values(params.slots(), 1), top, params.defaultScale()), keygen.publicKey(sk));
        Ciphertext cy = encryptor.encrypt(encoder.encode(values(params.slots(), 2), top, params.defaultScale()), keygen.publicKey(sk));

        System.out.printf("  %-40s %10.3f ms%n", "multiply_relinearize [" + spi.name() + " SPI]", median(runs, () -> evaluator.mulRelin(cx, cy)));
        System.out.printf("  %-40s %10.3f ms%n", "rotate_1 [" + spi.name() + " SPI]", median(runs, () -> evaluator.rotate(cx, 1)));
        Ciphertext product = evaluator.mulRelin(cx, cy);
        System.out.printf("  %-40s %10.3f ms%n", "rescale [" + spi.name() + " SPI]", median(runs, () -> evaluator.rescale(product)));
        System.out.printf("  %-40s %10.3f ms%n", "rotate_hoisted_1..4 [" + spi.name() + " SPI]",
                median(runs, () -> evaluator.rotateHoisted(cx, steps)));
        long[] one = new long[ring.n()];
        Sampler.secure().uniform(one, ring.modulus(0));
        System.out.printf("  %-40s %10.2f µs per (polynomial, prime), one host row a call%n", "ntt_forward [" + spi.name() + " SPI]",
                1000 * median(runs * 10, () -> {
                    ring.forward(0, one);
                    return one;
                }));
        int batchRows = 64;
        Ntt[] ntts = new Ntt[batchRows];
        long[][] rows = new long[batchRows][];
        for (int i = 0; i < batchRows; i++) {
            ntts[i] = ring.ntt(i % ring.qCount());
            rows[i] = new long[ring.n()];
            Sampler.secure().uniform(rows[i], ring.modulus(i % ring.qCount()));
        }
        double batch = median(runs, () -> {
            spi.forwardNtt(ntts, rows);
            return rows;
        });
        System.out.printf("  %-40s %10.2f µs per (polynomial, prime), host rows, %d rows a call%n",
                "ntt_forward batched [" + spi.name() + " SPI]", 1000 * batch / batchRows, batchRows);
        // with every per-row call on the device the host evaluator is no CPU reference: its chain would mislead
        if (!(spi instanceof GpuBackend g && "device".equals(g.rowsOn()))) libraryEvaluator(library, evaluator, cx, cy, steps, runs);
        if (!device) return;

        if (GpuDevice.kernels() == null) {
            System.out.println("  device-resident: no GPU (" + GpuDevice.reason() + ")");
            return;
        }
        System.out.println("  device: " + GpuDevice.kernels().deviceName());
        try (DeviceEvaluator gpu = new DeviceEvaluator(ring);
             DeviceSwitchingKey drlk = new DeviceSwitchingKey(ring, rlk);
             DeviceSwitchingKey dgk = new DeviceSwitchingKey(ring, gk);
             DeviceCiphertext dx = DeviceCiphertext.upload(cx);
             DeviceCiphertext dy = DeviceCiphertext.upload(cy);
             DeviceCiphertext out = gpu.allocate(top, 1);
             DeviceCiphertext lower = gpu.allocate(top - 1, 1);
             DeviceCiphertext dproduct = DeviceCiphertext.upload(product)) {
            gpu.mulRelinInto(dx, dy, drlk, out);
            boolean mulExact = same(out.download(), evaluator.mulRelin(cx, cy));
            gpu.rotateInto(dx, dgk, out);
            boolean rotExact = same(out.download(), evaluator.rotate(cx, 1));
            gpu.rescaleInto(dproduct, lower);
            boolean rescaleExact = same(lower.download(), evaluator.rescale(product));
            DeviceSwitchingKey[] dkeys = new DeviceSwitchingKey[steps.size()];
            DeviceCiphertext[] outs = new DeviceCiphertext[steps.size()];
            for (int i = 0; i < dkeys.length; i++) {
                dkeys[i] = new DeviceSwitchingKey(ring, galois.get(Galois.rotationElement(steps.get(i), params.logN())));
                outs[i] = gpu.allocate(top, 1);
            }
            gpu.rotateHoistedInto(dx, dkeys, outs);
            Map<Integer, Ciphertext> hoisted = evaluator.rotateHoisted(cx, steps);
            boolean hoistedExact = true;
            for (int i = 0; i < outs.length; i++) hoistedExact &= same(outs[i].download(), hoisted.get(steps.get(i)));
            System.out.printf("  device-resident results bit-exact with the CPU Evaluator: multiply_relinearize %s, rotate_1 %s,"
                    + " rescale %s, rotate_hoisted_1..4 %s%n", mulExact, rotExact, rescaleExact, hoistedExact);
            report("multiply_relinearize [device-resident]", runs, () -> gpu.mulRelinInto(dx, dy, drlk, out), gpu);
            report("rotate_1 [device-resident]", runs, () -> gpu.rotateInto(dx, dgk, out), gpu);
            report("rescale [device-resident]", runs, () -> gpu.rescaleInto(dproduct, lower), gpu);
            report("rotate_hoisted_1..4 [device-resident]", runs, () -> gpu.rotateHoistedInto(dx, dkeys, outs), gpu);
            for (int i = 0; i < dkeys.length; i++) {
                dkeys[i].close();
                outs[i].close();
            }
            System.out.printf("  %-40s %10.3f ms (one ciphertext up, one down)%n", "upload + download of a ciphertext",
                    median(runs, () -> {
                        try (DeviceCiphertext d = DeviceCiphertext.upload(cx)) {
                            return d.download();
                        }
                    }));
        }
        nttBatched(ring, 64);
        nttBatched(ring, 1024);
    }

    /**
     * The library's Evaluator as a miner runs it: with the device accelerator, ciphertexts stay in device memory from
     * one operation to the next. Each operation alone (synchronised), and a chain down the whole modulus chain
     * (multiply + relinearise, rescale, rotate at each level) with its one download, against the host evaluator.
     */
    private static void libraryEvaluator(Evaluator library, Evaluator host, Ciphertext cx, Ciphertext cy, List<Integer> steps, int runs) {
        System.out.println("  library Evaluator on: " + library.runsOn());
        if (library.runsOn().equals(host.runsOn())) return;
        Ciphertext product = host.mulRelin(cx, cy);
        boolean exact = same(library.mulRelin(cx, cy), product) && same(library.rotate(cx, 1), host.rotate(cx, 1))
                && same(library.rescale(library.mulRelin(cx, cy)), host.rescale(product)) && same(chain(library, cx, cy), chain(host, cx, cy));
        Map<Integer, Ciphertext> hoisted = library.rotateHoisted(cx, steps);
        Map<Integer, Ciphertext> hostHoisted = host.rotateHoisted(cx, steps);
        for (int step : steps) exact &= same(hoisted.get(step), hostHoisted.get(step));
        Plaintext plain = new Encoder(library.parameters()).encode(values(library.parameters().slots(), 9), cx.level(), cx.scale());
        Ciphertext rotated = library.rotate(cx, 1); // on the device: the cheap operations below run there too
        Ciphertext hostRotated = host.rotate(cx, 1);
        exact &= same(library.mulPlain(rotated, plain), host.mulPlain(hostRotated, plain)) && same(library.add(rotated, cx), host.add(hostRotated, cx))
                && same(library.mulRelinRescale(rotated, cy), host.mulRelinRescale(hostRotated, cy));
        System.out.println("  library Evaluator's results bit-exact with the host's (each operation and the chain): " + exact);
        Ciphertext residentProduct = library.mulRelin(cx, cy);
        synced("multiply_relinearize [library, device]", runs, () -> library.mulRelin(cx, cy));
        synced("rotate_1 [library, device]", runs, () -> library.rotate(cx, 1));
        synced("rescale [library, device]", runs, () -> library.rescale(residentProduct));
        synced("rotate_hoisted_1..4 [library, device]", runs, () -> library.rotateHoisted(cx, steps));
        synced("multiply_plain [library, device]", runs, () -> library.mulPlain(rotated, plain));
        synced("add [library, device]", runs, () -> library.add(rotated, rotated));
        synced("multiply_relinearize_rescale [library, device]", runs, () -> library.mulRelinRescale(rotated, cy));
        double onDevice = median(runs, () -> chain(library, cx, cy).readPoly(0));
        double onHost = median(Math.max(3, runs / 4), () -> chain(host, cx, cy).readPoly(0));
        System.out.printf("  %-40s %10.3f ms device (one download at the end), %.3f ms host: x%.1f%n",
                "chain of " + cx.level() + " levels [library]", onDevice, onHost, onHost / onDevice);
    }

    /** At each level: y = rescale(rotate(y * x_level, 1)), x dropped to y's level; the result at level 0. */
    private static Ciphertext chain(Evaluator evaluator, Ciphertext x, Ciphertext y) {
        Ciphertext acc = y;
        while (acc.level() > 0) {
            Ciphertext factor = evaluator.dropLevel(x, acc.level());
            acc = evaluator.rescale(evaluator.rotate(evaluator.mulRelin(acc, factor), 1));
        }
        return acc;
    }

    private static void synced(String name, int runs, Supplier<?> op) {
        System.out.printf("  %-40s %10.3f ms with a sync each (median)%n", name, median(runs, () -> {
            Object result = op.get();
            GpuDevice.require().synchronize();
            return result;
        }));
    }

    /** Back-to-back launches (the device queue full) and one operation at a time with a synchronisation each. */
    private static void report(String name, int runs, Runnable op, DeviceEvaluator gpu) {
        for (int i = 0; i < 20; i++) op.run();
        gpu.synchronize();
        int queued = Math.max(100, 10 * runs);
        long t0 = System.nanoTime();
        for (int i = 0; i < queued; i++) op.run();
        gpu.synchronize();
        double throughput = (System.nanoTime() - t0) / 1e6 / queued;
        double latency = median(runs * 5, () -> {
            op.run();
            gpu.synchronize();
            return null;
        });
        System.out.printf("  %-40s %10.3f ms queued (mean of %d), %.3f ms with a sync each (median)%n", name, throughput, queued, latency);
    }

    /** Forward NTT of {@code rows} device-resident rows cycling through the ring's primes, one launch pair. */
    private static void nttBatched(RingContext ring, int rowCount) {
        CudaKernels k = GpuDevice.require();
        int n = ring.n();
        int primes = ring.qCount() + ring.pCount();
        DeviceNtt[] tables = new DeviceNtt[primes];
        for (int i = 0; i < primes; i++) tables[i] = new DeviceNtt(NttTwiddles.of(ring.ntt(i)));
        DeviceBuffer data = new DeviceBuffer((long) rowCount * n);
        long[] desc = new long[rowCount * 8];
        long[] row = new long[n];
        for (int r = 0; r < rowCount; r++) {
            int p = r % primes;
            Sampler.secure().uniform(row, ring.modulus(p));
            CudaKernels.upload(data, (long) r * n, row);
            tables[p].describe(data.address((long) r * n), false, desc, r * 8);
        }
        DeviceBuffer d = new DeviceBuffer(desc.length);
        CudaKernels.upload(d, 0, desc);
        NttPlan plan = tables[0].plan;
        for (int i = 0; i < 10; i++) k.forwardNtt(plan, d, rowCount);
        k.synchronize();
        int reps = 50;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) k.forwardNtt(plan, d, rowCount);
        k.synchronize();
        double perRow = (System.nanoTime() - t0) / 1e3 / reps / rowCount;
        long t1 = System.nanoTime();
        for (int i = 0; i < reps; i++) k.inverseNtt(plan, d, rowCount);
        k.synchronize();
        double perRowInv = (System.nanoTime() - t1) / 1e3 / reps / rowCount;
        System.out.printf("  %-40s %10.3f µs per (polynomial, prime) forward, %.3f inverse; %d device-resident rows a launch pair%n",
                "ntt [device-resident, batched]", perRow, perRowInv, rowCount);
        data.free();
        d.free();
        for (DeviceNtt t : tables) t.close();
    }

    private static boolean same(Ciphertext a, Ciphertext b) {
        if (a.level() != b.level() || a.degree() != b.degree()) return false;
        for (int p = 0; p <= a.degree(); p++) {
            if (!Arrays.deepEquals(a.readPoly(p), b.readPoly(p))) return false;
        }
        return true;
    }

    /** Median of {@code runs} timings after a warm-up of at least 20 runs and one second (until C2 has compiled). */
    private static double median(int runs, Supplier<?> operation) {
        long start = System.nanoTime();
        for (int i = 0; i < 20 || System.nanoTime() - start < 1_000_000_000L; i++) operation.get();
        double[] samples = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            operation.get();
            samples[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(samples);
        return samples[runs / 2];
    }

    private static double[] values(int count, long seed) {
        Random random = new Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) values[i] = random.nextDouble() * 2 - 1;
        return values;
    }
}
