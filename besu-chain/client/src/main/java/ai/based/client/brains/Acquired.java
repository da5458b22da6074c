package ai.based.client.brains;

import java.math.BigInteger;

/** The outcome of an acquisition: the Brain number, what it cost and the transaction that made it. */
public record Acquired(long brainId, AcquisitionMethod method, BigInteger pepe, BigInteger gasUsed, String txHash) {}
