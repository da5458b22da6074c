package ai.based.chain.anvil;

import java.time.Duration;

/** How a devnet produces blocks: one per transaction (tests, fast mode) or on a fixed interval (real time). */
public record BlockMode(Duration interval) {

    public static BlockMode automine() {
        return new BlockMode(Duration.ZERO);
    }

    public static BlockMode every(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("block interval must be positive, got " + interval);
        }
        return new BlockMode(interval);
    }

    public boolean isAutomine() {
        return interval.isZero();
    }

    @Override
    public String toString() {
        return isAutomine() ? "automine" : "every " + interval.toSeconds() + " s";
    }
}
