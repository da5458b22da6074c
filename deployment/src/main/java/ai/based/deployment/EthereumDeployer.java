package ai.based.deployment;

import ai.based.client.manifest.ChainDeployment;
import ai.based.client.manifest.EthereumContracts;

import ai.based.chain.ChainNode;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.contracts.PepeCoin;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Deploys the Ethereum side: the PepeCoin stand-in on devnets, BrainNFT, BrainPortal, and wires the portal role. */
final class EthereumDeployer {
    private final Consumer<String> progress;

    EthereumDeployer(Consumer<String> progress) {
        this.progress = progress;
    }

    ChainDeployment deploy(ChainNode ethereum, TxManager admin, DeployOptions options) throws Exception {
        long firstBlock = ethereum.blockNumber().longValueExact() + 1;
        Map<String, String> contracts = new LinkedHashMap<>();
        String pepe;
        if (options.devnet()) {
            pepe = PepeCoin.deploy(ethereum.web3j(), admin, TxManager.WRAPPER_GAS).send().getContractAddress();
            progress.accept("deployed PepeCoin stand-in at " + pepe);
        } else {
            pepe = options.existingPepecoin().orElseThrow();
            progress.accept("using the existing Pepecoin at " + pepe);
        }
        contracts.put(EthereumContracts.PEPE_COIN, pepe);

        BrainNFT brains = BrainNFT.deploy(ethereum.web3j(), admin, TxManager.WRAPPER_GAS,
                admin.address(), BigInteger.valueOf(options.maxBrains())).send();
        progress.accept("deployed BrainNFT at " + brains.getContractAddress()
                + " (cap " + options.maxBrains() + ", Brains #0-#6 and #47 reserved to " + admin.address() + ")");
        contracts.put(EthereumContracts.BRAIN_NFT, brains.getContractAddress());

        BrainPortal portal = BrainPortal.deploy(ethereum.web3j(), admin, TxManager.WRAPPER_GAS,
                admin.address(), pepe, brains.getContractAddress()).send();
        progress.accept("deployed BrainPortal at " + portal.getContractAddress());
        contracts.put(EthereumContracts.BRAIN_PORTAL, portal.getContractAddress());

        brains.grantRole(brains.PORTAL_ROLE().send(), portal.getContractAddress()).send();
        progress.accept("granted the portal role on BrainNFT to BrainPortal");
        return new ChainDeployment(ethereum.chainId(), ethereum.rpcUrl(), contracts, firstBlock);
    }
}
