package ai.based.fhe.zkllm.diagnosis;

import ai.based.fhe.zkllm.encrypted.CircuitKeys;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.zkllm.encrypted.FeatureMajor;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The clinic's side of encrypted diagnosis: holds the secret key (it never leaves this object), packs and encrypts
 * records, decrypts scores. Nothing else: the miner needs no answer from the clinic between the two. Every ciphertext
 * crosses through the versioned binary format (the clinic's travel seeded, about half size; the miner's are parsed and
 * validated here), and the bytes each way are counted.
 */
public final class DiagnosisClient {
    private final Parameters params;
    private final FeatureMajor layout;
    private final Sampler random;
    private final SecretKey secretKey;
    private final Encoder encoder;
    private final Encryptor encryptor;
    private final Decryptor decryptor;
    private final Serializer wire;
    private final String keySetId;
    private final ScoreRange range;
    private long bytesUp;
    private long bytesDown;

    /**
     * @param model the Brain's model (its package checked against the content hash on chain): records it cannot score
     *        exactly under encryption are refused before anything is encrypted
     * @param params the circuit's ({@link EncryptedDiagnosis#parameters()})
     */
    public DiagnosisClient(DiagnosisModel model, Parameters params, Sampler random) {
        this.params = params;
        this.range = new ScoreRange(model, params);
        this.layout = FeatureMajor.filling(params.slots(), EncryptedDiagnosis.BLOCKS);
        this.random = random;
        this.secretKey = new KeyGenerator(params.ring(), random).secretKey();
        this.encoder = new Encoder(params);
        this.encryptor = new Encryptor(params.ring(), random);
        this.decryptor = new Decryptor(params.ring(), secretKey);
        this.wire = new Serializer(params);
        this.keySetId = HexFormat.of().formatHex(random.seed(), 0, 8);
    }

    /** Names this clinic's keys in every request, so a miner holding another key set refuses instead of computing noise. */
    public String keySetId() {
        return keySetId;
    }

    public int recordsPerCiphertext() {
        return layout.tokens();
    }

    /** The relinearisation key and the Galois keys the circuit needs: sent once per key set. */
    public EvaluationKeys evaluationKeys() {
        return evaluationKeys(EncryptedDiagnosis.rotationSteps(params));
    }

    /** The relinearisation key and the Galois keys for {@code steps}. */
    public EvaluationKeys evaluationKeys(List<Integer> steps) {
        return CircuitKeys.make(params, random, secretKey, steps);
    }

    /** Bytes of the evaluation keys in the binary format (seeded). */
    public long bytes(EvaluationKeys keys) {
        return wire.write(keys.relinearization().orElseThrow()).length + keys.galois().values().stream().mapToLong(k -> wire.write(k).length).sum();
    }

    /**
     * The records, {@link #recordsPerCiphertext()} per ciphertext (the last one zero-padded), encrypted at the top level;
     * refused whole, before anything is encrypted, when one of them is out of the circuit's range ({@link ScoreRange}).
     */
    public List<Ciphertext> encrypt(PatientRecords records) {
        return encryptForWire(records).stream().map(wire::readCiphertext).toList();
    }

    /** {@link #encrypt} as the binary format sends it: one seeded ciphertext per 128 records. */
    public List<byte[]> encryptForWire(PatientRecords records) {
        if (records.size() == 0) throw new IllegalArgumentException("no records to encrypt");
        range.check(records);
        List<byte[]> out = new ArrayList<>();
        int per = recordsPerCiphertext();
        for (int start = 0; start < records.size(); start += per) {
            int count = Math.min(per, records.size() - start);
            double[][] rows = new double[count][EncryptedDiagnosis.BLOCKS];
            for (int r = 0; r < count; r++) System.arraycopy(records.features()[start + r], 0, rows[r], 0, DiagnosisModel.FEATURES);
            out.add(upload(layout.pack(rows)));
        }
        return out;
    }

    /** The scores (logits) of the first {@code count} records, from the miner's ciphertexts in order. */
    public double[] decryptScores(List<Ciphertext> scores, int count) {
        return decryptScoresFromWire(scores.stream().map(wire::write).toList(), count);
    }

    /**
     * The same from the miner's bytes; each is parsed and validated (parameters, level, coefficient ranges) before it is
     * decrypted, so a malformed reply is refused ({@code MalformedInputException}) instead of decrypting to noise.
     */
    public double[] decryptScoresFromWire(List<byte[]> scores, int count) {
        int per = recordsPerCiphertext();
        if (count < 1 || (long) scores.size() * per < count || (scores.size() - 1L) * per >= count) {
            throw new IllegalArgumentException(scores.size() + " score ciphertexts do not hold " + count + " records (" + per + " each)");
        }
        double[] out = new double[count];
        for (int b = 0; b < scores.size(); b++) {
            bytesDown += scores.get(b).length;
            double[] slots = encoder.decode(decryptor.decrypt(wire.readCiphertext(scores.get(b))));
            for (int r = 0; r < per && b * per + r < count; r++) out[b * per + r] = slots[r];
        }
        return out;
    }

    public long bytesUp() {
        return bytesUp;
    }

    public long bytesDown() {
        return bytesDown;
    }

    private byte[] upload(double[] slots) {
        byte[] seed = new byte[32];
        Ciphertext fresh = encryptor.encryptSymmetric(encoder.encode(slots, params.maxLevel(), params.defaultScale()), secretKey, seed);
        byte[] bytes = wire.writeSeeded(fresh, seed);
        bytesUp += bytes.length;
        return bytes;
    }
}
