package ai.based.validator;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.zkllm.diagnosis.DiagnosisClient;
import ai.based.fhe.zkllm.diagnosis.DiagnosisModel;
import ai.based.fhe.zkllm.diagnosis.PatientRecords;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.miner.remote.DiagnosisReply;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.RemoteSession;
import ai.based.protocol.scoring.DiagnosisScorer;
import ai.based.protocol.scoring.Score;
import ai.based.protocol.wire.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One challenge of one diagnosis Brain's miner, through the path a clinic's 'based diagnose' takes, in its order: a
 * fresh key set ({@link DiagnosisClient}: a new CKKS secret key and evaluation keys), the miner's health and info, the
 * key upload, a session paid from the validator's account, ONE score request of a random sample of held-out records
 * (the last ciphertext zero-padded as a clinic's is), the reply decrypted and paid one unit per ciphertext once it
 * parses. Then, and only then, the validator runs the plaintext classifier on the same records and scores what it
 * decrypted ({@link DiagnosisScorer}); the labels' accuracy goes in the reason. A miner that fails, refuses, sends
 * garbage or outlives the deadline scores zero with a reason; the challenge never throws for anything the miner does.
 */
public final class DiagnosisChallenger implements MinerChallenger {
    private final DiagnosisModel plain;
    private final ModelId model;
    private final Parameters params;
    private final HeldOutRecords records;
    private final ValidatorSettings settings;
    private final DiagnosisScorer scorer;
    private final ChallengePayer payer;
    private final ChallengeRunner runner = new ChallengeRunner("validator-diagnosis-challenge");

    /**
     * @param plain the Brain's classifier from the validator's own copy of the package (its content id checked against
     *        the chain's)
     * @param params the circuit's parameters ({@code EncryptedDiagnosis.PARAMETERS}), as a clinic makes its keys for
     */
    public DiagnosisChallenger(DiagnosisModel plain, ModelId model, Parameters params, HeldOutRecords records, ValidatorSettings settings,
            ChallengePayer payer) {
        this.plain = plain;
        this.model = model;
        this.params = params;
        this.records = records;
        this.settings = settings;
        this.scorer = new DiagnosisScorer(settings.scoring());
        this.payer = payer;
    }

    @Override
    public Result challenge(MinerTarget target) throws InterruptedException {
        PatientRecords sample = records.next();
        // encrypted here, before the miner is contacted: records the circuit cannot score are the validator's own problem
        Exchange exchange = new Exchange(target, sample);
        int ciphertexts = exchange.request.size();
        if (ciphertexts > WireCodec.MAX_SCORE_BATCHES) {
            throw new ValidatorSideException(ciphertexts + " records ciphertexts do not fit one request of " + WireCodec.MAX_SCORE_BATCHES, null);
        }
        try {
            payer.ensureCovers(ciphertexts);
        } catch (Exception e) {
            throw new ValidatorSideException("cannot pay for a challenge of " + ciphertexts + " records ciphertexts: " + e.getMessage(), e);
        }
        String answered = sample.size() + " records";
        Optional<String> failure = runner.run(exchange, settings.challengeDeadline());
        if (failure.isPresent()) return new Result(new Score(0, failure.get()), exchange.latency, answered);
        double[] reference = plain.scores(sample.features());
        Score score = scorer.score(reference, sample.labels(), exchange.decrypted, exchange.latency);
        return new Result(score, exchange.latency, answered);
    }

    @Override
    public void cancel() {
        runner.cancel();
    }

    @Override
    public void close() {
        runner.close();
    }

    /** The exchange with the miner: one score request, the reply decrypted and paid one unit per ciphertext. */
    private final class Exchange extends MinerExchange {
        private final PatientRecords sample;
        // a clinic's fresh key set: the miner cannot tell the validator's keys from any clinic's
        private final DiagnosisClient clinic;
        private final List<byte[]> request;
        private volatile double[] decrypted;
        private volatile Duration latency = Duration.ZERO;

        Exchange(MinerTarget target, PatientRecords sample) {
            super(target, payer);
            this.sample = sample;
            this.clinic = new DiagnosisClient(plain, params, Sampler.secure());
            this.request = clinic.encryptForWire(sample);
        }

        @Override
        void run() throws Exception {
            MinerClient miner = connect(model, settings, clinic.keySetId(), clinic.evaluationKeys(), new EvaluationKeyFormat(params));
            try (RemoteSession session = openSession(miner)) {
                long t0 = System.nanoTime();
                List<byte[]> reply = session.score(clinic.keySetId(), request);
                Duration answered = Duration.ofNanos(System.nanoTime() - t0); // the miner's time: the decryption is the validator's
                double[] scores = DiagnosisReply.decrypt(clinic, target.endpoint(), reply, sample.size());
                latency = answered;
                // paid once the reply parses as the request's ciphertexts, never depending on what it decrypts to: as a clinic pays
                session.pay(receipt(request.size()));
                decrypted = scores;
            } finally {
                sessionEnded();
            }
        }
    }
}
