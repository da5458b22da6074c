package ai.based.cli.query;

import ai.based.cli.Progress;
import ai.based.cli.query.MinerRanking.Ranked;
import ai.based.client.InvalidInputException;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.zkllm.diagnosis.DiagnosisClient;
import ai.based.miner.remote.ChannelPayer;
import ai.based.miner.remote.DiagnosisReply;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.miner.remote.MinerException;
import ai.based.miner.remote.RemoteSession;
import ai.based.protocol.wire.WireCodec;
import java.util.List;

/**
 * A clinic's encrypted records scored by a Brain's miners: the key set is uploaded where it is missing, the records
 * ciphertexts go in requests of at most {@link WireCodec#MAX_SCORE_BATCHES}, and each request is paid (one compute
 * unit per ciphertext) once its reply parses as the right number of ciphertexts. A miner that fails on its side is
 * reported by name and, with retry, the next one scores the requests still to do; a refusal of the clinic's own input
 * (4xx) ends the diagnosis. Whether a reply is paid never depends on what it decrypts to.
 */
final class RemoteDiagnosis {
    private final DiagnosisClient clinic;
    private final EvaluationKeys keys;
    private final EvaluationKeyFormat format;
    private final ChannelPayer payer;
    private final boolean retry;
    private final Progress progress;
    private long unitsPaid;

    RemoteDiagnosis(DiagnosisClient clinic, EvaluationKeys keys, EvaluationKeyFormat format, ChannelPayer payer, boolean retry, Progress progress) {
        this.clinic = clinic;
        this.keys = keys;
        this.format = format;
        this.payer = payer;
        this.retry = retry;
        this.progress = progress;
    }

    /** The scores of {@code count} records from their ciphertexts, by the first of {@code miners} that serves them all. */
    double[] score(List<Ranked> miners, List<byte[]> ciphertexts, int count) throws Exception {
        int perRequest = WireCodec.MAX_SCORE_BATCHES;
        int perCiphertext = clinic.recordsPerCiphertext();
        double[] scores = new double[count];
        int done = 0;
        for (int m = 0; m < miners.size() && done < ciphertexts.size(); m++) {
            Ranked miner = miners.get(m);
            try {
                long sent = miner.client().uploadKeys(clinic.keySetId(), keys, format);
                progress.accept(sent > 0 ? String.format("uploaded the key set to %s (%,d bytes)", miner.client().endpoint(), sent)
                        : "the key set is already at " + miner.client().endpoint());
                try (RemoteSession session = miner.client().openSession(payer.payer())) {
                    while (done < ciphertexts.size()) {
                        List<byte[]> request = ciphertexts.subList(done, Math.min(ciphertexts.size(), done + perRequest));
                        int first = done * perCiphertext;
                        int records = Math.min(count - first, request.size() * perCiphertext);
                        double[] part = DiagnosisReply.decrypt(clinic, miner.client().endpoint(), session.score(clinic.keySetId(), request), records);
                        session.pay(payer.moreUnits(miner.account(), request.size()));
                        unitsPaid += request.size();
                        System.arraycopy(part, 0, scores, first, records);
                        done += request.size();
                        progress.accept(String.format("%s scored %d of %d records ciphertexts", miner.client().endpoint(), done, ciphertexts.size()));
                    }
                }
            } catch (MinerException e) {
                if (!e.minerSide()) throw new InvalidInputException(e.getMessage(), e);
                boolean more = retry && m + 1 < miners.size();
                progress.accept("miner " + e.miner() + " failed after " + done + " of " + ciphertexts.size() + " records ciphertexts: " + e.getMessage()
                        + (more ? "; moving to " + miners.get(m + 1).client().endpoint() : retry ? "; no other miner is left"
                                : " (--retry moves to another miner)"));
                if (!more) throw new InvalidInputException("the diagnosis stopped: " + e.getMessage(), e);
            }
        }
        return scores;
    }

    long unitsPaid() {
        return unitsPaid;
    }
}
