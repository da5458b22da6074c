package ai.based.validator;

import ai.based.protocol.scoring.ScoringParameters;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a validator challenges and scores.
 *
 * @param brainId the Brain whose miners it scores
 * @param stateDir where it keeps its commit salts and payment ledger (survives restarts)
 * @param tokens tokens generated per challenge, as a short user query asks
 * @param scoring the logit tolerance, latency target and timeout of one token pass
 * @param emaAlpha the weight of a new score in the moving average
 * @param setupTimeout the allowance for the health check, info and key-set upload before the first pass
 */
public record ValidatorSettings(long brainId, Path stateDir, int tokens, ScoringParameters scoring, double emaAlpha, Duration setupTimeout) {
    /**
     * The largest logit error of the encrypted tiny model is 8e-4 to 0.025 (docs/benchmarks.md; its tests bound it by 0.05):
     * 0.05 forgives CKKS noise and nothing a cheaper model gets wrong. A token pass of the tiny model takes a few seconds on two cores.
     */
    public static ScoringParameters defaultScoring() {
        return new ScoringParameters(0.05, Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    public static ValidatorSettings defaults(long brainId, Path stateDir) {
        return new ValidatorSettings(brainId, stateDir, 2, defaultScoring(), 0.3, Duration.ofMinutes(3));
    }

    public ValidatorSettings {
        if (tokens < 1) throw new IllegalArgumentException("a challenge generates at least one token, got " + tokens);
        if (!(emaAlpha > 0 && emaAlpha <= 1)) throw new IllegalArgumentException("the average's alpha lies in (0, 1], got " + emaAlpha);
        if (setupTimeout == null || !setupTimeout.isPositive()) throw new IllegalArgumentException("the setup timeout must be positive");
    }

    /** The longest a whole challenge may take before it scores zero: setup plus every pass at the timeout. */
    public Duration challengeDeadline() {
        return setupTimeout.plus(scoring.timeout().multipliedBy(tokens));
    }
}
