package ai.based.deployment;

import ai.based.client.manifest.DeploymentException;

import ai.based.chain.anvil.DevAccounts;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Parameters of the BasedAI-chain deployment.
 *
 * @param oracleSigners addresses of the EpochOracle's signers
 * @param oracleThreshold how many of them must sign an epoch result
 * @param votingDelayBlocks blocks between a proposal and its snapshot
 * @param votingPeriodBlocks blocks a vote stays open
 * @param timelockDelaySeconds minimum delay between queueing and executing a passed proposal
 * @param genesisAllocation BASED given at deploy to {@code genesisHolder}; devnets only (the faucet's float)
 * @param genesisBlock the block emission and "year one" count from; empty means the deployment's block
 */
public record BasedAiOptions(
        List<String> oracleSigners,
        int oracleThreshold,
        long votingDelayBlocks,
        long votingPeriodBlocks,
        long timelockDelaySeconds,
        BigInteger genesisAllocation,
        String genesisHolder,
        Optional<Long> genesisBlock) {

    /** Devnet oracle: a 2-of-3 quorum of dev accounts 5, 6 and 7, whose keys are public test keys. */
    public static final List<Integer> DEVNET_ORACLE_ACCOUNTS = List.of(5, 6, 7);
    public static final int DEVNET_ORACLE_THRESHOLD = 2;
    public static final int DEVNET_FAUCET_ACCOUNT = 1;
    private static final BigInteger DEVNET_ALLOCATION = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(10_000_000));

    public BasedAiOptions {
        oracleSigners = List.copyOf(oracleSigners);
        if (oracleThreshold < 1 || oracleThreshold > oracleSigners.size()) {
            throw new DeploymentException("oracle threshold " + oracleThreshold + " does not fit " + oracleSigners.size() + " signers");
        }
    }

    public static BasedAiOptions devnet() {
        return new BasedAiOptions(
                DEVNET_ORACLE_ACCOUNTS.stream().map(i -> DevAccounts.account(i).getAddress()).toList(),
                DEVNET_ORACLE_THRESHOLD, 1, 30, 1, DEVNET_ALLOCATION,
                DevAccounts.account(DEVNET_FAUCET_ACCOUNT).getAddress(), Optional.empty());
    }

    public BasedAiOptions withGenesisBlock(long block) {
        return new BasedAiOptions(oracleSigners, oracleThreshold, votingDelayBlocks, votingPeriodBlocks,
                timelockDelaySeconds, genesisAllocation, genesisHolder, Optional.of(block));
    }
}
