package ai.based.validator;

import ai.based.protocol.scoring.Score;
import java.time.Duration;

/**
 * Challenges one miner through the path the Brain's users take and scores its answer: {@link Challenger} for a
 * language Brain (a prompt, token by token), {@link DiagnosisChallenger} for a diagnosis Brain (held-out patient
 * records, as a clinic sends them). Anything the miner does wrong scores zero with a reason; only a failure on the
 * validator's side throws ({@link ValidatorSideException}).
 */
public interface MinerChallenger extends AutoCloseable {
    /**
     * What a challenge came to: the score, the miner's slowest answer (a pass or a scoring request, less the
     * validator's own work in it; zero when none finished) and what was answered, for the log ("2 tokens", "57 records").
     */
    record Result(Score score, Duration slowestPass, String answered) {}

    Result challenge(MinerTarget target) throws InterruptedException;

    /**
     * Abandons the challenge in flight, if any, and every later one before it reaches the miner; returns at once. The
     * caller is stopping: such a challenge returns a zero that judges nothing, and the caller records none of it.
     */
    void cancel();

    @Override
    void close();
}
