package ai.based.chain.devnet;

import java.math.BigInteger;
import java.util.Optional;

/** One line of {@code devnet status}: the recorded node, whether it answers, and its height if it does. */
public record NodeStatus(DevnetChain chain, Optional<RunningNode> node, boolean answering, Optional<BigInteger> height) {}
