package ai.based.protocol;

import java.math.BigInteger;

/** One account's reward for one epoch: a leaf of the epoch's Merkle tree. */
public record Reward(String account, BigInteger amount) {}
