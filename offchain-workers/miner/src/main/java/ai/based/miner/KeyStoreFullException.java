package ai.based.miner;

/** A key set that does not fit the miner's key store even after evicting every other: the upload gets 413. */
public final class KeyStoreFullException extends RuntimeException {
    public KeyStoreFullException(String message) {
        super(message);
    }
}
