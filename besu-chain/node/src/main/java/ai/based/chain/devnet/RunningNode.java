package ai.based.chain.devnet;

/** What {@code devnet up} records about a detached node so that later commands find and stop it. */
public record RunningNode(String chain, long chainId, int port, long pid, String rpcUrl, String blockMode) {}
