package ai.based.cli;

import ai.based.chain.ChainNode;
import ai.based.chain.ExternalRpcNode;
import ai.based.deployment.DeployOptions;
import ai.based.deployment.Deployer;
import ai.based.client.manifest.ManifestStore;
import ai.based.deployment.NetworkFile;
import ai.based.client.EthereumSession;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", description = "Deploy the contracts of both chains and write deployment/<network>.json; "
        + "a live deployment is left as it is.")
public final class DeployCommand extends BaseCommand {
    @Mixin
    NetworkOptions network;

    @Option(names = "--max-brains", paramLabel = "N", defaultValue = "1024",
            description = "Brain cap, for test devnets (default: ${DEFAULT-VALUE})")
    int maxBrains;

    @ArgGroup(exclusive = false, heading = "Administrator of a non-devnet network:%n")
    SignerOptions admin;

    @Override
    protected void run() throws Exception {
        Deployer.Result result = NetworkOptions.DEVNET.equals(network.name()) ? deployDevnet() : deployNamed();
        out().println((result.deployed() ? "deployed " : "already deployed ") + network.name() + ": "
                + new ManifestStore(home().deployments()).file(network.name()));
        for (Map.Entry<String, String> contract : result.manifest().ethereum().contracts().entrySet()) {
            out().printf("  ethereum %-12s %s%n", contract.getKey(), contract.getValue());
        }
    }

    private Deployer.Result deployDevnet() {
        return DevnetDeployment.deploy(home(), DeployOptions.forDevnet().withMaxBrains(maxBrains), progress());
    }

    private Deployer.Result deployNamed() {
        if (admin == null) {
            throw new IllegalArgumentException("deploying to '" + network.name() + "' needs --wallet (the administrator)");
        }
        NetworkFile file = NetworkFile.read(home().networks(), network.name());
        try (ChainNode ethereum = ExternalRpcNode.connect(file.ethereum().rpc(), file.ethereum().chainId());
                ChainNode basedai = ExternalRpcNode.connect(file.basedai().rpc(), file.basedai().chainId())) {
            return deployer().deploy(network.name(), ethereum, basedai, admin.unlock(home()), file.options());
        }
    }

    private Deployer deployer() {
        return new Deployer(new ManifestStore(home().deployments()), EthereumSession.reverts(), progress());
    }
}
