package ai.based.portal;

import ai.based.client.manifest.Manifest;

/** How the page names the two chains of a deployment, and which one a chain id is. */
final class ChainNames {
    static final String ETHEREUM = "ethereum";
    static final String BASEDAI = "basedai";

    private ChainNames() {}

    static String displayName(String key, String network) {
        return (ETHEREUM.equals(key) ? "Ethereum" : "BasedAI") + " (" + network + ")";
    }

    /** The node URL of the chain with this id in the manifest, or null when the deployment has no such chain. */
    static String nodeUrl(Manifest manifest, long chainId) {
        if (manifest.ethereum().chainId() == chainId) return manifest.ethereum().rpc();
        if (manifest.basedai().chainId() == chainId) return manifest.basedai().rpc();
        return null;
    }
}
