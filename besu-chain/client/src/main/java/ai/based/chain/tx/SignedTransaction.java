package ai.based.chain.tx;

/** A signed transaction not yet known to be sent: its hash, its raw bytes as hex, and the nonce it spends. */
public record SignedTransaction(String hash, String raw, long nonce) {}
