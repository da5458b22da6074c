package ai.based.bridge;

import java.math.BigInteger;

/** A message sent through a messenger, as its SentMessage event and the source chain describe it. */
public record BridgeMessage(byte[] hash, long sourceChainId, long destinationChainId, BigInteger nonce, String sender,
        String target, BigInteger value, byte[] data, long blockNumber) {}
