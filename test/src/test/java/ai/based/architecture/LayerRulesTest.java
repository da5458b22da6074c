package ai.based.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the architecture, read from the compiled production classes: every arrow points down a layer
 * (and no service uses another: what two services share lives below them, as the epoch computation does), the
 * protocol module does no I/O, and the miner holds nothing that can decrypt. Maven's module graph already keeps
 * most arrows down; this catches what it cannot see (packages inside one module, and a dependency declared for
 * tests leaking into main code).
 */
class LayerRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ai.based");
        // an empty import would pass every rule: make sure the layers' classes are really here
        for (String name : new String[] {"ai.based.cli.BasedCommand", "ai.based.fhe.ring.Ntt", "ai.based.relayer.RelayerService",
                "ai.based.client.BasedSession", "ai.based.chain.anvil.AnvilNode", "ai.based.protocol.MerkleTree",
                "ai.based.miner.MinerService", "ai.based.miner.remote.MinerClient",
                "ai.based.epochs.EpochComputation", "ai.based.portal.network.NetworkRoutes", "ai.based.oracle.OracleService"}) {
            if (!classes.contain(name)) throw new AssertionError(name + " was not imported");
        }
    }

    /** The long-running services: each is a leaf that only the CLI composes; none may use another (a sideways arrow). */
    private static final String[] SERVICES = {"relayer", "oracle", "miner", "validator", "portal"};
    /** The offchain-workers modules with chain I/O below the services: the miner's client and the epoch computation. */
    private static final String[] BELOW_SERVICES = {"minerClient", "epochs"};

    @Test
    void everyArrowPointsDown() {
        String[] offchain = concat(SERVICES, BELOW_SERVICES, new String[] {"cli"});
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("ckks").definedBy("ai.based.fhe.ring..", "ai.based.fhe.rlwe..", "ai.based.fhe.ckks..",
                        "ai.based.fhe.circuits..", "ai.based.fhe.io..", "ai.based.fhe.compute..")
                .layer("contracts").definedBy("ai.based.contracts..")
                .layer("node").definedBy("ai.based.chain", "ai.based.chain.anvil..", "ai.based.chain.devnet..")
                .layer("client").definedBy("ai.based.chain.tx..", "ai.based.client..")
                .layer("zkllm").definedBy("ai.based.fhe.zkllm..")
                .layer("deployment").definedBy("ai.based.deployment..")
                .layer("bridge").definedBy("ai.based.bridge..")
                .layer("governance").definedBy("ai.based.governance..")
                .layer("service").definedBy("ai.based.service..")
                .layer("protocol").definedBy("ai.based.protocol..")
                .layer("epochs").definedBy("ai.based.epochs..")
                .layer("minerClient").definedBy("ai.based.miner.remote..")
                .layer("relayer").definedBy("ai.based.relayer..")
                .layer("oracle").definedBy("ai.based.oracle..")
                // the miner module is the one package: its client (ai.based.miner.remote) is a module of its own
                .layer("miner").definedBy("ai.based.miner")
                .layer("validator").definedBy("ai.based.validator..")
                .layer("portal").definedBy("ai.based.portal..")
                .layer("cli").definedBy("ai.based.cli..")
                .layer("gpu").definedBy("ai.based.gpu..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("gpu").mayNotBeAccessedByAnyLayer()
                .whereLayer("relayer").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("oracle").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("miner").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("validator").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("portal").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("minerClient").mayOnlyBeAccessedByLayers(concat(SERVICES, new String[] {"cli"}))
                .whereLayer("epochs").mayOnlyBeAccessedByLayers(concat(SERVICES, new String[] {"cli"}))
                .whereLayer("service").mayOnlyBeAccessedByLayers(concat(SERVICES, new String[] {"cli"}))
                .whereLayer("protocol").mayOnlyBeAccessedByLayers(offchain)
                .whereLayer("deployment").mayOnlyBeAccessedByLayers(offchain)
                .whereLayer("bridge").mayOnlyBeAccessedByLayers(offchain)
                .whereLayer("governance").mayOnlyBeAccessedByLayers(offchain)
                .whereLayer("zkllm").mayOnlyBeAccessedByLayers(offchain)
                .whereLayer("client").mayOnlyBeAccessedByLayers(concat(new String[] {"deployment", "bridge", "governance"}, offchain))
                .whereLayer("node").mayOnlyBeAccessedByLayers(concat(new String[] {"client", "deployment", "bridge", "governance"}, offchain))
                .whereLayer("contracts").mayOnlyBeAccessedByLayers(concat(new String[] {"client", "deployment", "bridge", "governance"}, offchain))
                .whereLayer("ckks").mayOnlyBeAccessedByLayers(concat(new String[] {"zkllm", "gpu"}, offchain))
                .check(classes);
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }

    @Test
    void theProtocolDoesNoIo() {
        noClasses().that().resideInAPackage("ai.based.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..",
                        "java.sql..", "org.web3j..", "io.vertx..", "com.fasterxml..")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|Random|Print|Buffered).*")
                .because("protocol holds pure functions that every signer must compute identically from its inputs")
                .check(classes);
    }

    @Test
    void theMinerHoldsNothingThatDecrypts() {
        noClasses().that().resideInAPackage("ai.based.miner..")
                .should().dependOnClassesThat().haveFullyQualifiedName("ai.based.fhe.rlwe.Decryptor")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("ai.based.fhe.rlwe.SecretKey")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("ai.based.fhe.rlwe.KeyGenerator")
                .because("a miner computes on ciphertexts only (privacy model)")
                .check(classes);
    }
}
