package ai.based.validator;

/** A miner's answer that ends a challenge before any request: another model, another account. */
final class MinerRefusedException extends Exception {
    MinerRefusedException(String message) {
        super(message);
    }
}
