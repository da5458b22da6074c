package ai.based.deployment;

import ai.based.client.manifest.ChainDeployment;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.manifest.BridgeContracts;

import ai.based.chain.ChainNode;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedMessenger;
import ai.based.contracts.BasedTimelock;
import ai.based.contracts.BasedToken;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.ComputeMarket;
import ai.based.contracts.EmissionController;
import ai.based.contracts.EnforcerForecasts;
import ai.based.contracts.EpochOracle;
import ai.based.contracts.GigaBrainGovernor;
import ai.based.contracts.StakeManager;
import ai.based.contracts.ValidatorWeights;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Deploys the BasedAI chain: $BASED, the timelock, registry, stake manager, emission controller, epoch oracle,
 * the GigaBrain governor, the compute market, the validators' weights (commit-reveal) and the TFT Enforcer's
 * forecasts board, then hands every contract's administration to the timelock, so that parameter changes, the oracle
 * set and the Enforcer go through governance only. ENFORCER_ROLE goes at deploy to the administrator, the owner of
 * administrative Brain #2 (the TFT Enforcer's Brain, reserved to it on Ethereum). The administrator holds BRIDGE_ROLE on the registry only
 * until the bridge deployment gives it to the registry feeder and renounces it (see BridgeDeployer).
 */
final class BasedAiDeployer {
    private final Consumer<String> progress;

    BasedAiDeployer(Consumer<String> progress) {
        this.progress = progress;
    }

    ChainDeployment deploy(ChainNode basedai, TxManager admin, BasedAiOptions options) throws Exception {
        var web3j = basedai.web3j();
        var gas = TxManager.WRAPPER_GAS;
        String me = admin.address();
        long firstBlock = basedai.blockNumber().longValueExact() + 1;
        BigInteger genesis = BigInteger.valueOf(options.genesisBlock().orElse(firstBlock));

        BasedToken token = BasedToken.deploy(web3j, admin, gas, me, options.genesisHolder(), options.genesisAllocation()).send();
        BasedTimelock timelock = BasedTimelock.deploy(web3j, admin, gas, BigInteger.valueOf(options.timelockDelaySeconds()),
                List.of(), List.of("0x0000000000000000000000000000000000000000"), me).send();
        BrainRegistry registry = BrainRegistry.deploy(web3j, admin, gas, me, timelock.getContractAddress(), token.getContractAddress()).send();
        StakeManager stakes = StakeManager.deploy(web3j, admin, gas, me, timelock.getContractAddress(),
                token.getContractAddress(), registry.getContractAddress()).send();
        EmissionController emission = EmissionController.deploy(web3j, admin, gas, me, timelock.getContractAddress(),
                token.getContractAddress(), genesis).send();
        EpochOracle oracle = EpochOracle.deploy(web3j, admin, gas, me, timelock.getContractAddress(),
                emission.getContractAddress(), registry.getContractAddress(), options.oracleSigners(),
                BigInteger.valueOf(options.oracleThreshold())).send();
        GigaBrainGovernor governor = GigaBrainGovernor.deploy(web3j, admin, gas, stakes.getContractAddress(),
                registry.getContractAddress(), timelock.getContractAddress(), genesis,
                BigInteger.valueOf(options.votingDelayBlocks()), BigInteger.valueOf(options.votingPeriodBlocks())).send();
        ComputeMarket market = ComputeMarket.deploy(web3j, admin, gas, me, timelock.getContractAddress(),
                token.getContractAddress(), registry.getContractAddress()).send();
        ValidatorWeights weights = ValidatorWeights.deploy(web3j, admin, gas, me, timelock.getContractAddress(),
                registry.getContractAddress(), emission.getContractAddress()).send();
        EnforcerForecasts forecasts = EnforcerForecasts.deploy(web3j, admin, gas, me, timelock.getContractAddress(),
                emission.getContractAddress()).send();
        progress.accept("deployed the BasedAI chain contracts (oracle " + options.oracleThreshold() + "-of-"
                + options.oracleSigners().size() + ", genesis block " + genesis + ")");

        token.grantRole(token.MINTER_ROLE().send(), emission.getContractAddress()).send();
        emission.grantRole(emission.ORACLE_ROLE().send(), oracle.getContractAddress()).send();
        registry.grantRole(registry.ORACLE_ROLE().send(), oracle.getContractAddress()).send();
        timelock.grantRole(timelock.PROPOSER_ROLE().send(), governor.getContractAddress()).send();
        timelock.grantRole(timelock.CANCELLER_ROLE().send(), governor.getContractAddress()).send();
        forecasts.grantRole(forecasts.ENFORCER_ROLE().send(), me).send();
        Map<String, String> contracts = new LinkedHashMap<>();
        contracts.put(BasedAiContracts.BASED_TOKEN, token.getContractAddress());
        contracts.put(BasedAiContracts.TIMELOCK, timelock.getContractAddress());
        contracts.put(BasedAiContracts.BRAIN_REGISTRY, registry.getContractAddress());
        contracts.put(BasedAiContracts.STAKE_MANAGER, stakes.getContractAddress());
        contracts.put(BasedAiContracts.EMISSION_CONTROLLER, emission.getContractAddress());
        contracts.put(BasedAiContracts.EPOCH_ORACLE, oracle.getContractAddress());
        contracts.put(BasedAiContracts.GOVERNOR, governor.getContractAddress());
        contracts.put(BasedAiContracts.COMPUTE_MARKET, market.getContractAddress());
        contracts.put(BasedAiContracts.VALIDATOR_WEIGHTS, weights.getContractAddress());
        contracts.put(BasedAiContracts.ENFORCER_FORECASTS, forecasts.getContractAddress());
        return new ChainDeployment(basedai.chainId(), basedai.rpcUrl(), contracts, firstBlock);
    }

    /**
     * Hands administration of every BasedAI contract to the timelock, so that parameters, the oracle set and the
     * relayer set change only through governance. The deployer keeps GUARDIAN_ROLE (pause) on the messenger, and
     * BRIDGE_ROLE on the registry only in test deployments that keep the administrator's feed.
     */
    void handOver(ChainNode basedai, TxManager admin, ChainDeployment deployment) throws Exception {
        var web3j = basedai.web3j();
        var gas = TxManager.WRAPPER_GAS;
        String me = admin.address();
        String governance = deployment.require(BasedAiContracts.TIMELOCK);
        byte[] adminRole = new byte[32];
        BasedToken token = BasedToken.load(deployment.require(BasedAiContracts.BASED_TOKEN), web3j, admin, gas);
        BrainRegistry registry = BrainRegistry.load(deployment.require(BasedAiContracts.BRAIN_REGISTRY), web3j, admin, gas);
        StakeManager stakes = StakeManager.load(deployment.require(BasedAiContracts.STAKE_MANAGER), web3j, admin, gas);
        EmissionController emission = EmissionController.load(deployment.require(BasedAiContracts.EMISSION_CONTROLLER), web3j, admin, gas);
        EpochOracle oracle = EpochOracle.load(deployment.require(BasedAiContracts.EPOCH_ORACLE), web3j, admin, gas);
        ComputeMarket market = ComputeMarket.load(deployment.require(BasedAiContracts.COMPUTE_MARKET), web3j, admin, gas);
        ValidatorWeights weights = ValidatorWeights.load(deployment.require(BasedAiContracts.VALIDATOR_WEIGHTS), web3j, admin, gas);
        EnforcerForecasts forecasts = EnforcerForecasts.load(deployment.require(BasedAiContracts.ENFORCER_FORECASTS), web3j, admin, gas);
        BasedMessenger messenger = BasedMessenger.load(deployment.require(BridgeContracts.BASED_MESSENGER), web3j, admin, gas);
        BasedTimelock timelock = BasedTimelock.load(governance, web3j, admin, gas);
        token.grantRole(adminRole, governance).send();
        token.renounceRole(adminRole, me).send();
        registry.grantRole(adminRole, governance).send();
        registry.renounceRole(adminRole, me).send();
        stakes.grantRole(adminRole, governance).send();
        stakes.renounceRole(adminRole, me).send();
        emission.grantRole(adminRole, governance).send();
        emission.renounceRole(adminRole, me).send();
        oracle.grantRole(adminRole, governance).send();
        oracle.renounceRole(adminRole, me).send();
        market.grantRole(adminRole, governance).send();
        market.renounceRole(adminRole, me).send();
        weights.grantRole(adminRole, governance).send();
        weights.renounceRole(adminRole, me).send();
        forecasts.grantRole(adminRole, governance).send();
        forecasts.renounceRole(adminRole, me).send();
        messenger.grantRole(adminRole, governance).send();
        messenger.renounceRole(adminRole, me).send();
        timelock.renounceRole(adminRole, me).send();
        progress.accept("handed administration of every BasedAI contract to the timelock " + governance);
    }
}
