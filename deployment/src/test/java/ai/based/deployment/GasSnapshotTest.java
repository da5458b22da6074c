package ai.based.deployment;

import org.junit.jupiter.api.Tag;

import static ai.based.deployment.PortalFixture.brainId;
import static ai.based.deployment.PortalFixture.pepe;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gas per user operation against the committed snapshot contracts/snapshots/gas.json. A contract change that
 * moves gas fails here until the snapshot is regenerated on purpose:
 * {@code bin/based test -pl deployment -Dtest=GasSnapshotTest -Dgas.snapshot.update=true}.
 */
@Tag("devnet")
class GasSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long BURN_TARGET = 180_000;

    @TempDir
    Path manifests;

    @Test
    void gasPerUserOperationMatchesTheCommittedSnapshot() throws Exception {
        Map<String, Long> measured = measure();
        assertThat(measured.get("acquireByBurn")).as("issue target for acquire by burn").isLessThanOrEqualTo(BURN_TARGET);

        Path snapshot = snapshotFile();
        if (Boolean.getBoolean("gas.snapshot.update")) {
            Files.createDirectories(snapshot.getParent());
            Files.writeString(snapshot, JSON.writeValueAsString(measured) + "\n");
        }
        assertThat(snapshot).as("gas snapshot " + snapshot).exists();
        @SuppressWarnings("unchecked")
        Map<String, Number> committed = JSON.readValue(snapshot.toFile(), Map.class);
        Map<String, Long> expected = new LinkedHashMap<>();
        committed.forEach((op, gas) -> expected.put(op, gas.longValue()));
        assertThat(measured)
                .as("gas snapshot is stale; if the change is intended, regenerate it with -Dgas.snapshot.update=true")
                .isEqualTo(expected);
    }

    private Map<String, Long> measure() throws Exception {
        try (TwoChains chains = new TwoChains()) {
            PortalFixture f = PortalFixture.deploy(chains, manifests, DeployOptions.MAX_BRAINS);
            Credentials owner = DevAccounts.account(2);
            f.mint(owner, pepe(200_000));
            TransactionReceipt burn = f.burn(owner);
            TransactionReceipt stake = f.stake(owner);
            long staked = brainId(stake);
            TransactionReceipt link = f.portal(owner).linkBasedWallet(BigInteger.valueOf(staked), owner.getAddress()).send();
            DevnetClock.advance(f.ethereum, Duration.ofDays(90));
            TransactionReceipt deactivate = f.portal(owner).deactivate(BigInteger.valueOf(staked)).send();

            Map<String, Long> gas = new LinkedHashMap<>();
            gas.put("acquireByBurn", burn.getGasUsed().longValueExact());
            gas.put("acquireByStake", stake.getGasUsed().longValueExact());
            gas.put("linkBasedWallet", link.getGasUsed().longValueExact());
            gas.put("deactivate", deactivate.getGasUsed().longValueExact());
            return gas;
        }
    }

    private static Path snapshotFile() {
        String repo = System.getProperty("based.repo");
        Path root = repo == null ? Path.of("..") : Path.of(repo);
        return root.resolve("contracts").resolve("snapshots").resolve("gas.json");
    }
}
