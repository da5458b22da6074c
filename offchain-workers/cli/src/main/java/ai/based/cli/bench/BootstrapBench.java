package ai.based.cli.bench;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.circuits.BootstrappingKeys;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyDigits;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `based bench ckks --bootstrap`: key generation (time, bytes), then bootstrapping a ciphertext at level 0 several
 * times on one thread, each run's time and precision (bits, max over the slots of random inputs in [-1, 1]), and the
 * process's peak resident memory.
 */
final class BootstrapBench {
    private BootstrapBench() {}

    static void run(BootstrapParameters set, int runs, PrintWriter out) {
        Parameters params = Parameters.create(set.ckks());
        out.println(params);
        KeyDigits digits = KeyDigits.of(params.ring());
        out.printf("key switching: %d digit(s) of %d prime(s) at the top level%n", digits.count(), digits.size());
        out.printf("bootstrapping %d %s slots, CoeffsToSlots %d level(s), SlotsToCoeffs %d, EvalMod degree %d with %d double"
                + " angles on |I| <= %.0f (%.1f standard deviations), ephemeral secret weight %d%n", set.slots(),
                set.slots() == params.slots() ? "(all)" : "sparse",
                set.coeffsToSlotsLevels(), set.slotsToCoeffsLevels(), set.sineDegree(), set.doubleAngles(), set.k(),
                set.kInStandardDeviations(), set.hammingWeight());
        Sampler random = Sampler.secure();
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        long start = System.nanoTime();
        SecretKey sk = keygen.secretKey();
        BootstrappingKeys keys = BootstrappingKeys.generate(set, keygen, sk);
        double keygenSeconds = (System.nanoTime() - start) / 1e9;
        out.printf("key generation %.1f s: %d Galois keys + relinearisation + the two sparse-secret keys, %.2f GB (compact:"
                + " b and the seed of a, no Shoup companions)%n", keygenSeconds, keys.evaluation().galois().size(),
                keys.bytes() / 1e9);
        out.flush();
        Bootstrapper bootstrapper = new Bootstrapper(params, set, keys);
        Encoder encoder = new Encoder(params);
        Encryptor encryptor = new Encryptor(params.ring(), random);
        Decryptor decryptor = new Decryptor(params.ring(), sk);
        var pk = keygen.publicKey(sk);
        double bound = bootstrapper.errorBound(params.defaultScale());
        out.printf("output level %d (of %d), derived error bound 2^%.1f%n", bootstrapper.outputLevel(), params.maxLevel(), log2(bound));
        List<Double> seconds = new ArrayList<>();
        java.util.Random values = new java.util.Random(random.nextLong());
        for (int r = 0; r < runs; r++) {
            double[] slots = new double[set.slots()];
            for (int i = 0; i < slots.length; i++) slots[i] = values.nextDouble() * 2 - 1;
            double[] replicated = new double[params.slots()];
            for (int k = 0; k < replicated.length; k++) replicated[k] = slots[k % slots.length];
            Ciphertext ct = encryptor.encrypt(encoder.encode(replicated, 0, params.defaultScale()), pk);
            long t0 = System.nanoTime();
            Ciphertext refreshed = bootstrapper.bootstrap(ct);
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.add(s);
            double[] back = encoder.decode(decryptor.decrypt(refreshed));
            double max = 0;
            for (int k = 0; k < back.length; k++) max = Math.max(max, Math.abs(back[k] - replicated[k]));
            out.printf("  run %d: %.2f s, max error 2^%.1f (%.1f bits)%n", r + 1, s, log2(max), -log2(max));
            out.flush();
        }
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.printf("bootstrap median %.2f s, min %.2f, max %.2f (spread %.2fx); peak resident memory %s%n", sorted[sorted.length / 2],
                sorted[0], sorted[sorted.length - 1], sorted[sorted.length - 1] / sorted[0], peakResident());
        out.println(MachineLoad.describe());
    }

    private static String peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format("%.2f GB", kb / 1e6);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
