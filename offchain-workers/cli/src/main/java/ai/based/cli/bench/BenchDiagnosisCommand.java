package ai.based.cli.bench;

import ai.based.cli.BaseCommand;
import ai.based.client.InvalidInputException;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.diagnosis.DiagnosisClient;
import ai.based.fhe.zkllm.diagnosis.DiagnosisPackage;
import ai.based.fhe.zkllm.diagnosis.DiagnosisSplit;
import ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis;
import ai.based.fhe.zkllm.diagnosis.Metrics;
import ai.based.fhe.zkllm.diagnosis.PatientRecords;
import ai.based.fhe.zkllm.encrypted.HeOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Encrypted diagnosis of the bundled classifier on this machine: the miner's records per second over full ciphertexts
 * (1 and 2 threads, one ciphertext per thread), the latency of one ciphertext, the clinic's encrypt and decrypt, bytes
 * each way, key sizes, and the plaintext model's time on the same records; each run repeated, with the spread.
 */
@Command(name = "diagnosis", description = "Encrypted diagnosis (N=8192, 128-bit, 128 records per ciphertext): records/s per ciphertext batch "
        + "on 1 and 2 threads, latency of one batch, client time, bytes up and down, key sizes, beside the plaintext model; --runs times, with spread.")
public final class BenchDiagnosisCommand extends BaseCommand {
    @Option(names = "--runs", defaultValue = "3", description = "timed runs, after one warm-up (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--batches", defaultValue = "16", description = "ciphertexts of 128 records per throughput run (default: ${DEFAULT-VALUE})")
    int batches;

    @Override
    protected void run() throws Exception {
        if (runs < 1 || batches < 2) throw new InvalidInputException("--runs must be at least 1 and --batches at least 2");
        out().println(MachineLoad.describe());
        DiagnosisPackage bundled = DiagnosisPackage.bundled();
        Parameters params = Parameters.create(EncryptedDiagnosis.PARAMETERS);
        EncryptedDiagnosis circuit = new EncryptedDiagnosis(bundled.model(), params);
        DiagnosisClient clinic = new DiagnosisClient(bundled.model(), params, Sampler.secure());
        long k0 = System.nanoTime();
        EvaluationKeys keys = clinic.evaluationKeys(circuit.rotationSteps());
        double keygen = (System.nanoTime() - k0) / 1e9;
        out().printf("%s; model %s (content hash %s); %d records per ciphertext; evaluation keys: relinearisation + %d rotations, %,d bytes, "
                + "made in %.2f s%n", params, bundled.card().name(), bundled.contentHash(), circuit.recordsPerCiphertext(), keys.galois().size(),
                clinic.bytes(keys), keygen);

        PatientRecords full = cycled(DiagnosisSplit.shipped(), circuit.recordsPerCiphertext() * batches);
        PatientRecords one = cycled(full, circuit.recordsPerCiphertext());
        agreement(circuit, clinic, keys, bundled);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            EncryptedDiagnosis.Session single = circuit.open(clinic.keySetId(), keys);
            EncryptedDiagnosis.Session dual = circuit.open(clinic.keySetId(), keys, pool);
            List<Ciphertext> up = clinic.encrypt(full);
            List<Ciphertext> upOne = clinic.encrypt(one);
            measureOnce(single, dual, clinic, up, upOne, one, bundled); // warm-up: the JIT, first-touch memory
            List<double[]> rows = new ArrayList<>();
            for (int run = 0; run < runs; run++) rows.add(measureOnce(single, dual, clinic, up, upOne, one, bundled));
            String[] names = {"records/s, 1 thread", "records/s, 2 threads", "latency of one batch (s)", "clinic encrypt per batch (s)",
                "clinic decrypt per batch (s)", "plaintext model, records/s"};
            for (int m = 0; m < names.length; m++) {
                int metric = m;
                double[] values = rows.stream().mapToDouble(r -> r[metric]).sorted().toArray();
                out().printf("%-30s median %10.4g   min %10.4g   max %10.4g   (%d runs)%n", names[m], values[values.length / 2], values[0],
                        values[values.length - 1], values.length);
            }
            long before = clinic.bytesUp();
            List<Ciphertext> sent = clinic.encrypt(one);
            long bytesUp = clinic.bytesUp() - before;
            long downBefore = clinic.bytesDown();
            single.ops().reset();
            clinic.decryptScores(single.scores(clinic.keySetId(), sent), one.size());
            long bytesDown = clinic.bytesDown() - downBefore;
            out().printf("one batch of %d records: %,d bytes up (seeded), %,d down (%,d and %,d per record); %d key switches (%s)%n", one.size(),
                    bytesUp, bytesDown, bytesUp / one.size(), bytesDown / one.size(), single.ops().count(HeOps.Op.ROTATION)
                    + single.ops().count(HeOps.Op.RELINEARIZATION), single.ops().counts());
            out().println(MachineLoad.describe());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The held-out records through the encrypted path: class agreement and the largest score error. */
    private void agreement(EncryptedDiagnosis circuit, DiagnosisClient clinic, EvaluationKeys keys, DiagnosisPackage bundled) throws Exception {
        PatientRecords heldOut = DiagnosisSplit.standard().heldOut();
        double[] encrypted = clinic.decryptScores(circuit.open(clinic.keySetId(), keys).scores(clinic.keySetId(), clinic.encrypt(heldOut)),
                heldOut.size());
        double[] plain = bundled.model().scores(heldOut.features());
        int agree = 0;
        double maxError = 0;
        for (int r = 0; r < plain.length; r++) {
            if ((plain[r] > 0) == (encrypted[r] > 0)) agree++;
            maxError = Math.max(maxError, Math.abs(plain[r] - encrypted[r]));
        }
        out().printf("held-out: encrypted %s; plaintext %s; classes agree on %d/%d records, max score error %.2e%n",
                Metrics.of(encrypted, heldOut.labels()), Metrics.of(plain, heldOut.labels()), agree, plain.length, maxError);
    }

    private double[] measureOnce(EncryptedDiagnosis.Session single, EncryptedDiagnosis.Session dual, DiagnosisClient clinic, List<Ciphertext> up,
            List<Ciphertext> upOne, PatientRecords one, DiagnosisPackage bundled) {
        int records = up.size() * clinic.recordsPerCiphertext();
        long t0 = System.nanoTime();
        single.scores(clinic.keySetId(), up);
        double oneThread = records / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        dual.scores(clinic.keySetId(), up);
        double twoThreads = records / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        List<Ciphertext> scores = single.scores(clinic.keySetId(), upOne);
        double latency = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        clinic.encrypt(one);
        double encrypt = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        clinic.decryptScores(scores, one.size());
        double decrypt = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        double sink = 0;
        for (int repeat = 0; repeat < 100; repeat++) sink += Arrays.stream(bundled.model().scores(one.features())).sum();
        double plain = 100.0 * one.size() / ((System.nanoTime() - t0) / 1e9);
        if (Double.isNaN(sink)) throw new IllegalStateException("the plaintext model scored NaN");
        return new double[] {oneThread, twoThreads, latency, encrypt, decrypt, plain};
    }

    /** {@code count} records, the given ones repeated in order. */
    private static PatientRecords cycled(PatientRecords records, int count) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = i % records.size();
        return records.select(indices);
    }
}
