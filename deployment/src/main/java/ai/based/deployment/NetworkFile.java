package ai.based.deployment;

import ai.based.client.manifest.DeploymentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A named, non-devnet network ({@code <home>/networks/<name>.json}): where its two chains are reached and
 * the existing Pepecoin to use instead of the devnet stand-in. Example:
 * {@code {"ethereum":{"rpc":"https://…","chainId":1},"basedai":{"rpc":"http://…","chainId":32323},
 * "pepecoin":"0xA9E8aCf069C58aEc8825542845Fd754e41a9489A",
 * "oracleSigners":["0x…","0x…","0x…"],"oracleThreshold":2}}
 */
public record NetworkFile(
        Endpoint ethereum, Endpoint basedai, String pepecoin, Integer maxBrains, List<String> oracleSigners,
        Integer oracleThreshold, List<String> relayers, Integer relayerThreshold, String wbasedMintLimitPerHour) {
    /** One day of 10 s blocks before a vote opens, three days of voting, two days of timelock. */
    static final long MAINNET_VOTING_DELAY_BLOCKS = 8_640;
    static final long MAINNET_VOTING_PERIOD_BLOCKS = 25_920;
    static final long MAINNET_TIMELOCK_SECONDS = 2 * 86_400;


    /** One chain's JSON-RPC URL and the chain id it must report. */
    public record Endpoint(String rpc, long chainId) {}

    public static NetworkFile read(Path networksDir, String name) {
        Path file = networksDir.resolve(name + ".json");
        if (!Files.exists(file)) {
            throw new DeploymentException("unknown network '" + name + "': use 'devnet' or describe it in " + file);
        }
        try {
            NetworkFile network = new ObjectMapper().readValue(file.toFile(), NetworkFile.class);
            if (network.ethereum() == null || network.basedai() == null || network.pepecoin() == null) {
                throw new DeploymentException(file + " needs \"ethereum\", \"basedai\" and \"pepecoin\"");
            }
            return network;
        } catch (IOException e) {
            throw new DeploymentException("cannot read network file " + file + ": " + e.getMessage(), e);
        }
    }

    public DeployOptions options() {
        if (oracleSigners == null || oracleSigners.isEmpty() || oracleThreshold == null) {
            throw new DeploymentException("a network file needs \"oracleSigners\" and \"oracleThreshold\"");
        }
        BasedAiOptions basedai = new BasedAiOptions(oracleSigners, oracleThreshold, MAINNET_VOTING_DELAY_BLOCKS,
                MAINNET_VOTING_PERIOD_BLOCKS, MAINNET_TIMELOCK_SECONDS, BigInteger.ZERO,
                "0x0000000000000000000000000000000000000000", Optional.empty());
        if (relayers == null || relayers.isEmpty() || relayerThreshold == null || wbasedMintLimitPerHour == null) {
            throw new DeploymentException("a network file needs \"relayers\", \"relayerThreshold\" and \"wbasedMintLimitPerHour\"");
        }
        BridgeOptions bridge = new BridgeOptions(relayers, relayerThreshold, new BigInteger(wbasedMintLimitPerHour), true);
        return new DeployOptions(false, Optional.of(pepecoin),
                maxBrains == null ? DeployOptions.MAX_BRAINS : maxBrains, basedai, bridge);
    }
}
