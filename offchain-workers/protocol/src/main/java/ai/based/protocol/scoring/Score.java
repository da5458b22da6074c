package ai.based.protocol.scoring;

/** A score in [0, 1] and, for a zero or reduced score, why: for the validator's log. */
public record Score(double value, String reason) {

    public Score {
        if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException("a score lies in [0, 1], got " + value);
    }

    static Score zero(String reason) {
        return new Score(0, reason);
    }
}
