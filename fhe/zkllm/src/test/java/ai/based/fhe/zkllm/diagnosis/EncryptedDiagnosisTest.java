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
        clinic = new DiagnosisClient(params, Sampler.secure());
        keys = clinic.evaluationKeys(circuit.rotationSteps());
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
}
