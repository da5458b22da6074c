package ai.based.validator;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.RemoteSession;
import ai.based.protocol.wire.Message;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One challenge's exchange with a miner, run on {@link ChallengeRunner}'s thread: the steps every user's client takes
 * before its requests (the miner's health, its info checked against the chain, the key upload, a paid session), and
 * the abort that closes the session when the deadline passes. The caller reads a subclass's results once it has ended.
 */
abstract class MinerExchange {
    protected final MinerTarget target;
    private final ChallengePayer payer;
    private final AtomicReference<RemoteSession> open = new AtomicReference<>();

    MinerExchange(MinerTarget target, ChallengePayer payer) {
        this.target = target;
        this.payer = payer;
    }

    /** The whole exchange; anything the miner does wrong ends it with an exception the runner turns into a reason. */
    abstract void run() throws Exception;

    /**
     * The miner's /health and /v1/info, checked as a user's client checks them (the Brain's model, the account the chain
     * lists), then the key set's upload: the miner cannot tell this from any user's first contact.
     */
    final MinerClient connect(ModelId model, ValidatorSettings settings, String keySetId, EvaluationKeys keys, EvaluationKeyFormat format)
            throws Exception {
        Checked checked = checked(model, settings);
        checked.miner().uploadKeys(keySetId, keys, format);
        return checked.miner();
    }

    /** A miner that passed the checks, and what its info said. */
    record Checked(MinerClient miner, JsonObject info) {}

    /** The miner's /health and /v1/info, checked as a user's client checks them; the upload is the caller's. */
    final Checked checked(ModelId model, ValidatorSettings settings) throws Exception {
        // the upload of a key set (hundreds of MB) and each message get the setup's allowance; the requests' latency is
        // scored on its own and the whole exchange ends at the challenge's deadline
        MinerClient miner = new MinerClient(target.endpoint(), target.certificateSha256(), settings.setupTimeout());
        miner.latency();
        var info = miner.info();
        String serves = info.getString("model", "");
        if (!model.toString().equals(serves)) throw new MinerRefusedException("it serves " + serves + ", the Brain names " + model);
        String account = info.getString("miner", "");
        if (!target.account().equalsIgnoreCase(account)) {
            throw new MinerRefusedException("it says it is " + account + ", the chain lists " + target.account());
        }
        return new Checked(miner, info);
    }

    /** A session paid from the validator's account, closed by {@link #abort()} if the deadline passes while it is open. */
    final RemoteSession openSession(MinerClient miner) throws Exception {
        RemoteSession session = miner.openSession(payer.account());
        open.set(session);
        return session;
    }

    /** The session has ended: an abort no longer touches it. */
    final void sessionEnded() {
        open.set(null);
    }

    /** A receipt for {@code units} more compute units from this miner. */
    final Message.Payment receipt(int units) {
        try {
            return payer.moreUnits(target.account(), units);
        } catch (Exception e) {
            throw new ValidatorSideException("could not sign the receipt for " + target.label() + ": " + e.getMessage(), e);
        }
    }

    final void abort() {
        RemoteSession session = open.get();
        if (session != null) session.close();
    }
}
