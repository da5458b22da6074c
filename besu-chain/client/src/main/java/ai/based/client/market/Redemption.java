package ai.based.client.market;

import java.math.BigInteger;

/** A redeemed receipt: the BASED base units paid to the miner by this transaction, and the transaction. */
public record Redemption(BigInteger paid, BigInteger cumulativeUnits, String transactionHash) {}
