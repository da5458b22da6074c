package ai.based.deployment;

import org.junit.jupiter.api.Tag;

import ai.based.client.manifest.Manifest;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.manifest.ChainDeployment;
import ai.based.client.manifest.DeploymentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.PepeCoin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

@Tag("devnet")
class DeployerTest extends TwoChainsTest {

    @TempDir
    Path manifests;

    private Deployer.Result deploy(Path dir, DeployOptions options) {
        return new Deployer(new ManifestStore(dir), PortalFixture.REVERTS, line -> {})
                .deploy("devnet", chains.ethereum, chains.basedai, DevAccounts.account(0), options);
    }

    @Test
    void writesTheManifestWithBothChains() throws Exception {
        Deployer.Result result = deploy(manifests, DeployOptions.forDevnet());
        assertThat(result.deployed()).isTrue();
        JsonNode json = new ObjectMapper().readTree(manifests.resolve("devnet.json").toFile());
        assertThat(json.at("/ethereum/chainId").asLong()).isEqualTo(1337);
        assertThat(json.at("/ethereum/rpc").asText()).isEqualTo(chains.ethereum.rpcUrl());
        assertThat(json.at("/ethereum/contracts").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("PepeCoin", "BrainNFT", "BrainPortal", "EthereumMessenger", "EthereumBridge",
                        "WrappedBased", "BrainMirror", "PepeChamber");
        assertThat(json.at("/basedai/contracts").fieldNames()).toIterable()
                .contains("BasedToken", "BrainRegistry", "StakeManager", "EmissionController", "EpochOracle",
                        "GigaBrainGovernor", "BasedTimelock", "BasedMessenger", "BasedBridge", "RegistryFeeder",
                        "PepeChamberLink", "ValidatorWeights", "EnforcerForecasts");
        assertThat(json.at("/ethereum/deployedAtBlock").asLong()).isPositive();
        assertThat(json.at("/basedai/chainId").asLong()).isEqualTo(32323);
    }

    @Test
    void secondDeployFindsTheLiveDeploymentAndSendsNothing() throws Exception {
        Deployer.Result first = deploy(manifests, DeployOptions.forDevnet());
        BigInteger nonce = chains.ethereum.web3j().ethGetTransactionCount(DevAccounts.account(0).getAddress(),
                DefaultBlockParameterName.LATEST).send().getTransactionCount();
        List<String> progress = new ArrayList<>();
        Deployer.Result second = new Deployer(new ManifestStore(manifests), PortalFixture.REVERTS, progress::add)
                .deploy("devnet", chains.ethereum, chains.basedai, DevAccounts.account(0), DeployOptions.forDevnet());
        assertThat(second.deployed()).isFalse();
        assertThat(second.manifest()).isEqualTo(first.manifest());
        assertThat(progress).anyMatch(line -> line.contains("nothing to deploy"));
        assertThat(chains.ethereum.web3j().ethGetTransactionCount(DevAccounts.account(0).getAddress(),
                DefaultBlockParameterName.LATEST).send().getTransactionCount()).isEqualTo(nonce);
    }

    @Test
    void manifestThatPointsAtNoCodeIsDeployedAgain() {
        Deployer.Result first = deploy(manifests, DeployOptions.forDevnet());
        ChainDeployment eth = first.manifest().ethereum();
        Map<String, String> bogus = Map.of("BrainNFT", "0x000000000000000000000000000000000000bEEF");
        new ManifestStore(manifests).write("devnet", new Manifest(
                new ChainDeployment(eth.chainId(), eth.rpc(), bogus, eth.deployedAtBlock()), first.manifest().basedai()));
        Deployer.Result again = deploy(manifests, DeployOptions.forDevnet());
        assertThat(again.deployed()).isTrue();
        assertThat(again.manifest().ethereum().contracts()).containsKeys("PepeCoin", "BrainNFT", "BrainPortal");
    }

    @Test
    void mainnetLikeNetworkUsesTheExistingPepecoinInsteadOfTheStandIn() throws Exception {
        TxManager admin = new TxManager(chains.ethereum, DevAccounts.account(0), PortalFixture.REVERTS);
        String existing = PepeCoin.deploy(chains.ethereum.web3j(), admin, TxManager.WRAPPER_GAS).send().getContractAddress();
        Deployer.Result result = deploy(manifests, new DeployOptions(false, Optional.of(existing), 1024, BasedAiOptions.devnet(), BridgeOptions.devnet()));
        assertThat(result.manifest().ethereum().require("PepeCoin")).isEqualTo(existing);
        assertThatThrownBy(() -> new DeployOptions(false, Optional.empty(), 1024, BasedAiOptions.devnet(), BridgeOptions.devnet()))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("existing Pepecoin address");
    }

    @Test
    void corruptManifestIsReportedNotOverwritten() throws Exception {
        Files.writeString(manifests.resolve("devnet.json"), "{ not json");
        assertThatThrownBy(() -> deploy(manifests, DeployOptions.forDevnet()))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("cannot read manifest");
        assertThat(Files.readString(manifests.resolve("devnet.json"))).isEqualTo("{ not json");
    }
}
