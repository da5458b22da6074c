package ai.based.bridge;

import java.math.BigInteger;

/**
 * A message sent through a messenger, as its SentMessage event and the source chain describe it.
 *
 * @param gasLimit the gas the sender chose (and paid for) for the target call on the destination chain
 */
public record BridgeMessage(byte[] hash, long sourceChainId, long destinationChainId, BigInteger nonce, String sender,
        String target, BigInteger value, long gasLimit, byte[] data, long blockNumber) {}
