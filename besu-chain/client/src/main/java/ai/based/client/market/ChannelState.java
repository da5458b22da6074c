package ai.based.client.market;

import java.math.BigInteger;

/** What a miner has redeemed so far on one (user, miner, Brain) channel, cumulatively. */
public record ChannelState(BigInteger units, BigInteger amount) {}
