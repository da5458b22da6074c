package ai.based.deployment;

import ai.based.client.manifest.DeploymentException;

import java.util.Optional;

/**
 * What a deployment needs beyond the chains.
 *
 * @param devnet deploy the PepeCoin stand-in (with its faucet); false means a mainnet-like network
 * @param existingPepecoin the live Pepecoin address a mainnet-like network must name
 * @param maxBrains the Brain cap; 1024 everywhere but in tests that need a small cap
 * @param basedai parameters of the BasedAI chain's contracts
 * @param bridge relayer set and wBASED mint limit of the bridge
 */
public record DeployOptions(boolean devnet, Optional<String> existingPepecoin, int maxBrains, BasedAiOptions basedai,
        BridgeOptions bridge) {
    public static final int MAX_BRAINS = 1024;

    public DeployOptions {
        if (!devnet && existingPepecoin.isEmpty()) {
            throw new DeploymentException("a mainnet-like network needs the existing Pepecoin address"
                    + " (\"pepecoin\" in its network file); the PepeCoin stand-in is for devnets only");
        }
    }

    public static DeployOptions forDevnet() {
        return new DeployOptions(true, Optional.empty(), MAX_BRAINS, BasedAiOptions.devnet(), BridgeOptions.devnet());
    }

    public DeployOptions withMaxBrains(int cap) {
        return new DeployOptions(devnet, existingPepecoin, cap, basedai, bridge);
    }

    public DeployOptions withBridge(BridgeOptions options) {
        return new DeployOptions(devnet, existingPepecoin, maxBrains, basedai, options);
    }

    public DeployOptions withBasedAi(BasedAiOptions options) {
        return new DeployOptions(devnet, existingPepecoin, maxBrains, options, bridge);
    }
}
