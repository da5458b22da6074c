package ai.based.deployment;

import ai.based.client.manifest.ChainDeployment;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.manifest.EthereumContracts;
import ai.based.client.manifest.BridgeContracts;

import ai.based.chain.ChainNode;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedBridge;
import ai.based.contracts.BasedMessenger;
import ai.based.contracts.BrainMirror;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.EthereumBridge;
import ai.based.contracts.EthereumMessenger;
import ai.based.contracts.GigaBrainGovernor;
import ai.based.contracts.PepeChamber;
import ai.based.contracts.PepeChamberLink;
import ai.based.contracts.RegistryFeeder;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Deploys the message bridge on both chains: the two messengers, the token bridge ends (BASED locked on BasedAI,
 * wBASED on Ethereum), the Brain mirror with its registry feeder, which takes over BRIDGE_ROLE on the registry from the
 * administrator, and the Pepecoin chamber (escrow votes on Ethereum, tallies stored by the governor).
 */
final class BridgeDeployer {
    record Result(Map<String, String> ethereum, Map<String, String> basedai) {}

    private final Consumer<String> progress;

    BridgeDeployer(Consumer<String> progress) {
        this.progress = progress;
    }

    Result deploy(ChainNode ethereum, TxManager ethAdmin, ChainDeployment eth, ChainNode basedai, TxManager basedAdmin,
            ChainDeployment based, BridgeOptions options) throws Exception {
        var gas = TxManager.WRAPPER_GAS;
        BigInteger threshold = BigInteger.valueOf(options.threshold());
        EthereumMessenger ethMessenger = EthereumMessenger.deploy(ethereum.web3j(), ethAdmin, gas, ethAdmin.address(),
                BigInteger.valueOf(basedai.chainId()), options.relayers(), threshold).send();
        BasedMessenger basedMessenger = BasedMessenger.deploy(basedai.web3j(), basedAdmin, gas, basedAdmin.address(),
                based.require(BasedAiContracts.TIMELOCK), BigInteger.valueOf(ethereum.chainId()), options.relayers(), threshold).send();

        BasedBridge basedBridge = BasedBridge.deploy(basedai.web3j(), basedAdmin, gas, basedMessenger.getContractAddress(),
                based.require(BasedAiContracts.BASED_TOKEN)).send();
        EthereumBridge ethBridge = EthereumBridge.deploy(ethereum.web3j(), ethAdmin, gas, ethMessenger.getContractAddress(),
                basedBridge.getContractAddress(), options.mintLimitPerEpoch()).send();
        basedBridge.setRemote(ethBridge.getContractAddress()).send();

        RegistryFeeder feeder = RegistryFeeder.deploy(basedai.web3j(), basedAdmin, gas, basedMessenger.getContractAddress(),
                based.require(BasedAiContracts.BRAIN_REGISTRY)).send();
        BrainMirror mirror = BrainMirror.deploy(ethereum.web3j(), ethAdmin, gas, ethMessenger.getContractAddress(),
                eth.require(EthereumContracts.BRAIN_NFT), eth.require(EthereumContracts.BRAIN_PORTAL), feeder.getContractAddress()).send();
        feeder.setRemote(mirror.getContractAddress()).send();
        BrainRegistry registry = BrainRegistry.load(based.require(BasedAiContracts.BRAIN_REGISTRY), basedai.web3j(), basedAdmin, gas);
        byte[] bridgeRole = registry.BRIDGE_ROLE().send();
        registry.grantRole(bridgeRole, feeder.getContractAddress()).send();
        if (options.retireAdminFeed()) registry.renounceRole(bridgeRole, basedAdmin.address()).send();

        PepeChamberLink link = PepeChamberLink.deploy(basedai.web3j(), basedAdmin, gas, basedMessenger.getContractAddress(),
                based.require(BasedAiContracts.GOVERNOR)).send();
        PepeChamber chamber = PepeChamber.deploy(ethereum.web3j(), ethAdmin, gas, ethMessenger.getContractAddress(),
                eth.require(EthereumContracts.PEPE_COIN)).send();
        link.setRemote(chamber.getContractAddress()).send();
        chamber.setRemote(link.getContractAddress()).send();
        GigaBrainGovernor.load(based.require(BasedAiContracts.GOVERNOR), basedai.web3j(), basedAdmin, gas)
                .setPepeTallyWriter(link.getContractAddress()).send();
        progress.accept("deployed the bridge (" + options.threshold() + "-of-" + options.relayers().size()
                + " relayers): messengers, BASED <-> wBASED, Brain mirror -> registry feeder"
                + (options.retireAdminFeed() ? " (the administrator's feed retired)" : "") + ", Pepecoin chamber");

        Map<String, String> ethContracts = new LinkedHashMap<>();
        ethContracts.put(BridgeContracts.ETHEREUM_MESSENGER, ethMessenger.getContractAddress());
        ethContracts.put(BridgeContracts.ETHEREUM_BRIDGE, ethBridge.getContractAddress());
        ethContracts.put(BridgeContracts.WRAPPED_BASED, ethBridge.WBASED().send());
        ethContracts.put(BridgeContracts.BRAIN_MIRROR, mirror.getContractAddress());
        ethContracts.put(BridgeContracts.PEPE_CHAMBER, chamber.getContractAddress());
        Map<String, String> basedContracts = new LinkedHashMap<>();
        basedContracts.put(BridgeContracts.BASED_MESSENGER, basedMessenger.getContractAddress());
        basedContracts.put(BridgeContracts.BASED_BRIDGE, basedBridge.getContractAddress());
        basedContracts.put(BridgeContracts.REGISTRY_FEEDER, feeder.getContractAddress());
        basedContracts.put(BridgeContracts.PEPE_CHAMBER_LINK, link.getContractAddress());
        return new Result(ethContracts, basedContracts);
    }
}
