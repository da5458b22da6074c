package ai.based.client;

import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedToken;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.ComputeMarket;
import ai.based.contracts.EmissionController;
import ai.based.contracts.EnforcerForecasts;
import ai.based.contracts.EpochOracle;
import ai.based.contracts.GigaBrainGovernor;
import ai.based.contracts.StakeManager;
import ai.based.contracts.ValidatorWeights;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.manifest.Manifest;
import org.web3j.tx.TransactionManager;

/** The BasedAI side of a deployment, with its contract wrappers. */
public final class BasedSession extends ChainSession {

    private BasedSession(Manifest manifest) {
        super(manifest.basedai());
    }

    public static BasedSession open(Manifest manifest) {
        return new BasedSession(manifest);
    }

    public BasedToken token(TransactionManager tx) {
        return BasedToken.load(address(BasedAiContracts.BASED_TOKEN), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public BrainRegistry registry(TransactionManager tx) {
        return BrainRegistry.load(address(BasedAiContracts.BRAIN_REGISTRY), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public StakeManager stakes(TransactionManager tx) {
        return StakeManager.load(address(BasedAiContracts.STAKE_MANAGER), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public EmissionController emission(TransactionManager tx) {
        return EmissionController.load(address(BasedAiContracts.EMISSION_CONTROLLER), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public EpochOracle oracle(TransactionManager tx) {
        return EpochOracle.load(address(BasedAiContracts.EPOCH_ORACLE), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public GigaBrainGovernor governor(TransactionManager tx) {
        return GigaBrainGovernor.load(address(BasedAiContracts.GOVERNOR), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public ComputeMarket computeMarket(TransactionManager tx) {
        return ComputeMarket.load(address(BasedAiContracts.COMPUTE_MARKET), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public ValidatorWeights weights(TransactionManager tx) {
        return ValidatorWeights.load(address(BasedAiContracts.VALIDATOR_WEIGHTS), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public EnforcerForecasts forecasts(TransactionManager tx) {
        return EnforcerForecasts.load(address(BasedAiContracts.ENFORCER_FORECASTS), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }
}
