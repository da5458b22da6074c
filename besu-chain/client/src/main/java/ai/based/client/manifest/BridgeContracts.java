package ai.based.client.manifest;

/** Names of the bridge contracts as they appear in the manifest (Ethereum side and BasedAI side). */
public final class BridgeContracts {
    public static final String ETHEREUM_MESSENGER = "EthereumMessenger";
    public static final String ETHEREUM_BRIDGE = "EthereumBridge";
    public static final String WRAPPED_BASED = "WrappedBased";
    public static final String BRAIN_MIRROR = "BrainMirror";
    public static final String BASED_MESSENGER = "BasedMessenger";
    public static final String BASED_BRIDGE = "BasedBridge";
    public static final String REGISTRY_FEEDER = "RegistryFeeder";
    public static final String PEPE_CHAMBER = "PepeChamber";
    public static final String PEPE_CHAMBER_LINK = "PepeChamberLink";

    private BridgeContracts() {}
}
