package ai.based.client.manifest;

/**
 * The address manifest {@code deployment/<network>.json}: what is deployed on each chain of a network.
 * Later issues add their contracts to the same two maps.
 */
public record Manifest(ChainDeployment ethereum, ChainDeployment basedai) {

    public Manifest withRpcs(String ethereumRpc, String basedaiRpc) {
        return new Manifest(ethereum.withRpc(ethereumRpc), basedai.withRpc(basedaiRpc));
    }
}
