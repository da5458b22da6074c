package ai.based.chain.devnet;

import ai.based.chain.ChainIds;

/** The two chains of a devnet (DESIGN.md §2). */
public enum DevnetChain {
    ETHEREUM("ethereum", ChainIds.ETHEREUM_DEVNET),
    BASEDAI("basedai", ChainIds.BASEDAI_DEVNET);

    private final String key;
    private final long chainId;

    DevnetChain(String key, long chainId) {
        this.key = key;
        this.chainId = chainId;
    }

    public String key() {
        return key;
    }

    public long chainId() {
        return chainId;
    }
}
