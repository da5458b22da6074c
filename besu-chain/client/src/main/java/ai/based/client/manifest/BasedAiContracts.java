package ai.based.client.manifest;

/** Names of the BasedAI-chain contracts as they appear in the manifest. */
public final class BasedAiContracts {
    public static final String BASED_TOKEN = "BasedToken";
    public static final String TIMELOCK = "BasedTimelock";
    public static final String BRAIN_REGISTRY = "BrainRegistry";
    public static final String STAKE_MANAGER = "StakeManager";
    public static final String EMISSION_CONTROLLER = "EmissionController";
    public static final String EPOCH_ORACLE = "EpochOracle";
    public static final String GOVERNOR = "GigaBrainGovernor";
    public static final String COMPUTE_MARKET = "ComputeMarket";
    public static final String VALIDATOR_WEIGHTS = "ValidatorWeights";
    public static final String ENFORCER_FORECASTS = "EnforcerForecasts";

    private BasedAiContracts() {}
}
