package ai.based.fhe.zkllm.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classifier on real 128-bit ciphertexts (N = 2^13), through the binary format both ways, against its plaintext reference. */
class EncryptedDiagnosisTest {
    private static DiagnosisPackage bundled;
    private static EncryptedDiagnosis circuit;
    private static DiagnosisClient clinic;
    private static EvaluationKeys keys;

    @BeforeAll
    static void keys() throws IOException {
        bundled = DiagnosisPackage.bundled();
        Parameters params = Parameters.create(EncryptedDiagnosis.PARAMETERS);
        assertTrue(params.secure(), "production parameters are 128-bit");
        circuit = new EncryptedDiagnosis(bundled.model(), params);
        clinic = new DiagnosisClient(bundled.model(), params, Sampler.secure());
        keys = clinic.evaluationKeys();
        assertEquals(circuit.rotationSteps(), EncryptedDiagnosis.rotationSteps(params));
    }

    @Test
    void encryptedPredictionsEqualThePlaintextOnesOnEveryHeldOutRecord() throws IOException {
        PatientRecords heldOut = DiagnosisSplit.standard().heldOut();
        EncryptedDiagnosis.Session miner = circuit.open(clinic.keySetId(), keys);
        List<Ciphertext> up = clinic.encrypt(heldOut);
        assertEquals(1, up.size(), "113 records fit one ciphertext of " + clinic.recordsPerCiphertext());
        double[] encrypted = clinic.decryptScores(miner.scores(clinic.keySetId(), up), heldOut.size());
        double[] plain = bundled.model().scores(heldOut.features());
        double maxError = 0;
        for (int r = 0; r < plain.length; r++) {
            maxError = Math.max(maxError, Math.abs(encrypted[r] - plain[r]));
            assertEquals(plain[r] > 0, encrypted[r] > 0, "record " + r + ": plaintext " + plain[r] + ", encrypted " + encrypted[r]);
        }
        double smallestMargin = java.util.Arrays.stream(plain).map(Math::abs).min().orElseThrow();
        System.out.printf("held-out: %d records, max |encrypted - plaintext| score error %.3e (smallest |score| %.3f); %s%n",
                plain.length, maxError, smallestMargin, miner.ops().counts());
        assertTrue(maxError < 1e-3, "max score error " + maxError);
        String[] predictions = new Predictions(encrypted).toCsv().split("\n");
        assertEquals(heldOut.size() + 1, predictions.length);
        assertTrue(predictions[1].startsWith("1,") && predictions[1].endsWith(encrypted[0] > 0 ? ",malignant" : ",benign"), predictions[1]);
        Metrics metrics = Metrics.of(encrypted, heldOut.labels());
        assertEquals(bundled.card().heldOut().accuracy(), metrics.accuracy(), "the card's held-out accuracy, now under encryption");
    }

    @Test
    void severalCiphertextsOfOneRequestRunConcurrentlyAndStayInOrder() throws IOException {
        PatientRecords all = DiagnosisSplit.shipped();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            EncryptedDiagnosis.Session miner = circuit.open(clinic.keySetId(), keys, pool);
            List<Ciphertext> up = clinic.encrypt(all);
            assertEquals(5, up.size(), "569 records in ciphertexts of 128");
            double[] encrypted = clinic.decryptScores(miner.scores(clinic.keySetId(), up), all.size());
            double[] plain = bundled.model().scores(all.features());
            double maxError = 0;
            for (int r = 0; r < plain.length; r++) maxError = Math.max(maxError, Math.abs(encrypted[r] - plain[r]));
            System.out.printf("all %d records: max score error %.3e%n", plain.length, maxError);
            assertTrue(maxError < 1e-3, "max score error " + maxError);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMinerRefusesRecordsItCannotScoreCorrectly() throws IOException {
        EncryptedDiagnosis.Session miner = circuit.open(clinic.keySetId(), keys);
        List<Ciphertext> up = clinic.encrypt(DiagnosisSplit.standard().heldOut());
        var otherKeys = assertThrows(IllegalArgumentException.class, () -> miner.scores("0123456789abcdef", up));
        assertTrue(otherKeys.getMessage().contains("send the matching evaluation keys"), otherKeys.getMessage());
        Ciphertext used = miner.ops().evaluator().dropLevel(up.getFirst(), 1);
        var lowered = assertThrows(IllegalArgumentException.class, () -> miner.scores(clinic.keySetId(), List.of(used)));
        assertTrue(lowered.getMessage().contains("level 1"), lowered.getMessage());
        assertThrows(IllegalArgumentException.class, () -> miner.scores(clinic.keySetId(), List.of()));
        List<Ciphertext> tooMany = java.util.Collections.nCopies(EncryptedDiagnosis.MAX_BATCHES + 1, up.getFirst());
        var flood = assertThrows(IllegalArgumentException.class, () -> miner.scores(clinic.keySetId(), tooMany));
        assertTrue(flood.getMessage().contains("at most " + EncryptedDiagnosis.MAX_BATCHES), flood.getMessage());
    }

    @Test
    void evaluationKeysWithoutARotationTheCircuitNeedsAreRefusedAtOpen() {
        var galois = new HashMap<>(keys.galois());
        galois.remove(Galois.rotationElement(circuit.rotationSteps().getLast(), circuit.parameters().logN()));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> circuit.open(clinic.keySetId(), new EvaluationKeys(keys.relinearization(), galois)));
        assertTrue(refused.getMessage().contains("lack rotations by [" + circuit.rotationSteps().getLast() + "]"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> circuit.open(clinic.keySetId(), new EvaluationKeys(java.util.Optional.empty(), keys.galois())));
    }

    @Test
    void recordsUpToTheRangeLimitScoreExactlyAndOneBeyondItIsRefusedBeforeEncryption() throws IOException {
        ScoreRange range = new ScoreRange(bundled.model(), circuit.parameters());
        PatientRecords all = DiagnosisSplit.shipped();
        double largest = java.util.Arrays.stream(all.features()).mapToDouble(range::magnitude).max().orElseThrow();
        assertTrue(largest < range.limit() / 16, "the shipped records use " + largest + " of " + range.limit());
        // push one measurement out until the record sits at half the limit (bisection), then a little beyond the limit
        int smoothness = PatientRecords.FEATURES.indexOf("smoothness_mean");
        double[] base = all.features()[0];
        double low = base[smoothness];
        double high = RecordsParser.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            double[] x = base.clone();
            x[smoothness] = mid;
            if (range.magnitude(x) < range.limit() / 2) low = mid;
            else high = mid;
        }
        double[] edge = base.clone();
        edge[smoothness] = low;
        PatientRecords atHalf = new PatientRecords(new double[][] {edge}, null);
        double plain = bundled.model().score(edge);
        double encrypted = clinic.decryptScores(circuit.open(clinic.keySetId(), keys).scores(clinic.keySetId(), clinic.encrypt(atHalf)), 1)[0];
        System.out.printf("a record at half the range limit (%.3g of %.3g): plaintext %.6g, encrypted %.6g%n", range.magnitude(edge), range.limit(),
                plain, encrypted);
        assertEquals(plain, encrypted, Math.abs(plain) * 1e-6 + 1e-3);
        double[] beyond = base.clone();
        beyond[smoothness] = low * 3;
        var refused = assertThrows(IllegalArgumentException.class, () -> clinic.encrypt(new PatientRecords(new double[][] {base, beyond}, null)));
        assertTrue(refused.getMessage().startsWith("cannot score record 2 under encryption: its smoothness_mean is"), refused.getMessage());
    }

    @Test
    void aClinicRefusesAMalformedReplyAndAReplyThatDoesNotHoldItsRecords() throws IOException {
        PatientRecords heldOut = DiagnosisSplit.standard().heldOut();
        List<Ciphertext> scores = circuit.open(clinic.keySetId(), keys).scores(clinic.keySetId(), clinic.encrypt(heldOut));
        byte[] reply = new ai.based.fhe.io.Serializer(circuit.parameters()).write(scores.getFirst());
        byte[] cut = java.util.Arrays.copyOf(reply, reply.length / 2);
        assertThrows(ai.based.fhe.io.MalformedInputException.class, () -> clinic.decryptScoresFromWire(List.of(cut), heldOut.size()));
        var tooFew = assertThrows(IllegalArgumentException.class, () -> clinic.decryptScoresFromWire(List.of(reply), 200));
        assertTrue(tooFew.getMessage().contains("do not hold 200 records"), tooFew.getMessage());
        assertThrows(IllegalArgumentException.class, () -> clinic.decryptScoresFromWire(List.of(reply, reply), heldOut.size()));
    }
}
