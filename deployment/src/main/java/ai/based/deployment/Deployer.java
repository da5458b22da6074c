package ai.based.deployment;

import ai.based.client.manifest.Manifest;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.manifest.ChainDeployment;
import ai.based.client.manifest.DeploymentException;

import ai.based.chain.ChainNode;
import ai.based.chain.tx.RevertDecoder;
import ai.based.chain.tx.TxManager;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Deploy-all for both chains, idempotent: when the manifest of the network describes a live deployment
 * (same chain ids, code at every address) nothing is sent and the manifest is returned as it is, with only
 * its RPC URLs refreshed.
 */
public final class Deployer {
    private final ManifestStore store;
    private final RevertDecoder reverts;
    private final Consumer<String> progress;

    public Deployer(ManifestStore store, RevertDecoder reverts, Consumer<String> progress) {
        this.store = store;
        this.reverts = reverts;
        this.progress = progress;
    }

    public record Result(Manifest manifest, boolean deployed) {}

    public Result deploy(String network, ChainNode ethereum, ChainNode basedai, Credentials admin,
            DeployOptions options) {
        Optional<Manifest> existing = store.read(network);
        if (existing.isPresent() && isLive(existing.get(), ethereum, basedai)) {
            Manifest current = existing.get().withRpcs(ethereum.rpcUrl(), basedai.rpcUrl());
            if (!current.equals(existing.get())) store.write(network, current);
            progress.accept("deployment '" + network + "' is live; nothing to deploy");
            return new Result(current, false);
        }
        existing.ifPresent(stale -> progress.accept("manifest " + store.file(network)
                + " does not match the live chains (reset devnet?); deploying again"));
        try {
            TxManager tx = new TxManager(ethereum, admin, reverts);
            TxManager basedTx = new TxManager(basedai, admin, reverts);
            ChainDeployment eth = new EthereumDeployer(progress).deploy(ethereum, tx, options);
            BasedAiDeployer basedDeployer = new BasedAiDeployer(progress);
            ChainDeployment based = basedDeployer.deploy(basedai, basedTx, options.basedai());
            BridgeDeployer.Result bridge = new BridgeDeployer(progress)
                    .deploy(ethereum, tx, eth, basedai, basedTx, based, options.bridge());
            eth = eth.withContracts(bridge.ethereum());
            based = based.withContracts(bridge.basedai());
            basedDeployer.handOver(basedai, basedTx, based);
            Manifest manifest = new Manifest(eth, based);
            store.write(network, manifest);
            progress.accept("wrote " + store.file(network));
            return new Result(manifest, true);
        } catch (DeploymentException e) {
            throw e;
        } catch (Exception e) {
            throw new DeploymentException("cannot deploy '" + network + "': " + e.getMessage(), e);
        }
    }

    /** True when the manifest's chain ids match the nodes and every recorded contract has code. */
    public static boolean isLive(Manifest manifest, ChainNode ethereum, ChainNode basedai) {
        return hasCode(manifest.ethereum(), ethereum) && hasCode(manifest.basedai(), basedai);
    }

    private static boolean hasCode(ChainDeployment deployment, ChainNode node) {
        if (deployment.chainId() != node.chainId()) return false;
        try {
            for (String address : deployment.contracts().values()) {
                String code = node.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
                if (code == null || code.equals("0x")) return false;
            }
            return true;
        } catch (IOException e) {
            throw new DeploymentException("cannot check the deployment at " + node.rpcUrl() + ": " + e.getMessage(), e);
        }
    }
}
