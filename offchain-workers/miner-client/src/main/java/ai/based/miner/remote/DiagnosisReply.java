package ai.based.miner.remote;

import ai.based.fhe.io.MalformedInputException;
import ai.based.fhe.zkllm.diagnosis.DiagnosisClient;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A diagnosis miner's reply to one score request, decrypted by the clinic's key holder: what a clinic ('based diagnose')
 * and a validator's challenge both do with it. A reply that is not valid ciphertexts of the circuit's parameters, or not
 * as many as the request carried, is the miner's failure (a miner-side {@link MinerException}), and is not paid.
 */
public final class DiagnosisReply {
    private DiagnosisReply() {}

    /** The scores of the request's first {@code records} records (the last ciphertext may be padded). */
    public static double[] decrypt(DiagnosisClient clinic, URI miner, List<byte[]> reply, int records) throws MinerException {
        try {
            return clinic.decryptScoresFromWire(reply, records);
        } catch (MalformedInputException | IllegalArgumentException e) {
            throw new MinerException(miner.toString(), 0, "sent scores that are not valid ciphertexts (" + e.getMessage() + "): they are not paid",
                    Optional.empty(), e);
        }
    }
}
