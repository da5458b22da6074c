package ai.based.client.manifest;

/** Names of the Ethereum-side contracts as they appear in the manifest. */
public final class EthereumContracts {
    public static final String PEPE_COIN = "PepeCoin";
    public static final String BRAIN_NFT = "BrainNFT";
    public static final String BRAIN_PORTAL = "BrainPortal";

    private EthereumContracts() {}
}
