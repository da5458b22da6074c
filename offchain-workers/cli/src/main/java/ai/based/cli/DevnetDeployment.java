package ai.based.cli;

import ai.based.chain.ChainNode;
import ai.based.chain.ExternalRpcNode;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.devnet.DevnetChain;
import ai.based.chain.devnet.DevnetManager;
import ai.based.chain.devnet.RunningNode;
import ai.based.deployment.DeployOptions;
import ai.based.deployment.Deployer;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.BasedHome;
import ai.based.client.EthereumSession;
import java.util.function.Consumer;

/** Deploy-all on the running devnet of a home, with dev account 0 as administrator. */
public final class DevnetDeployment {
    private DevnetDeployment() {}

    public static Deployer.Result deploy(BasedHome home, DeployOptions options, Consumer<String> progress) {
        DevnetManager devnet = new DevnetManager(home.devnet());
        RunningNode eth = devnet.require(DevnetChain.ETHEREUM);
        RunningNode based = devnet.require(DevnetChain.BASEDAI);
        try (ChainNode ethereum = ExternalRpcNode.connect(eth.rpcUrl(), eth.chainId());
                ChainNode basedai = ExternalRpcNode.connect(based.rpcUrl(), based.chainId())) {
            return new Deployer(new ManifestStore(home.deployments()), EthereumSession.reverts(), progress)
                    .deploy(NetworkOptions.DEVNET, ethereum, basedai, DevAccounts.account(0), options);
        }
    }
}
