package ai.based.client.manifest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One chain's part of a manifest: where it is reached and the address of every contract deployed on it. */
public record ChainDeployment(long chainId, String rpc, Map<String, String> contracts, long deployedAtBlock) {

    public ChainDeployment {
        contracts = Map.copyOf(contracts == null ? Map.of() : contracts);
    }

    public Optional<String> address(String contract) {
        return Optional.ofNullable(contracts.get(contract));
    }

    public String require(String contract) {
        return address(contract).orElseThrow(() -> new DeploymentException(
                "the deployment has no " + contract + " on chain " + chainId + ": run 'based deploy'"));
    }

    /** This deployment plus more contracts (later issues add theirs to the same map). */
    public ChainDeployment withContracts(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(contracts);
        all.putAll(more);
        return new ChainDeployment(chainId, rpc, all, deployedAtBlock);
    }

    public ChainDeployment withRpc(String newRpc) {
        return new ChainDeployment(chainId, newRpc, contracts, deployedAtBlock);
    }

    /** Sorted for a stable manifest file. */
    public Map<String, String> contracts() {
        return new TreeMap<>(contracts);
    }
}
