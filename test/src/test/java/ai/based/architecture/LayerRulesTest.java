package ai.based.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the architecture, read from the compiled production classes: every arrow points down a layer,
 * the protocol module does no I/O, and the miner holds nothing that can decrypt. Maven's module graph already keeps
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
                "ai.based.miner.MinerService", "ai.based.miner.remote.MinerClient"}) {
            if (!classes.contain(name)) throw new AssertionError(name + " was not imported");
        }
    }

    @Test
    void everyArrowPointsDown() {
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
                .layer("workers").definedBy("ai.based.relayer..", "ai.based.oracle..", "ai.based.miner..", "ai.based.validator..",
                        "ai.based.portal..")
                .layer("cli").definedBy("ai.based.cli..")
                .layer("gpu").definedBy("ai.based.gpu..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("gpu").mayNotBeAccessedByAnyLayer()
                .whereLayer("workers").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("service").mayOnlyBeAccessedByLayers("workers", "cli")
                .whereLayer("protocol").mayOnlyBeAccessedByLayers("workers", "cli")
                .whereLayer("deployment").mayOnlyBeAccessedByLayers("workers", "cli")
                .whereLayer("bridge").mayOnlyBeAccessedByLayers("workers", "cli")
                .whereLayer("governance").mayOnlyBeAccessedByLayers("workers", "cli")
                .whereLayer("zkllm").mayOnlyBeAccessedByLayers("workers", "cli")
                .whereLayer("client").mayOnlyBeAccessedByLayers("deployment", "bridge", "governance", "workers", "cli")
                .whereLayer("node").mayOnlyBeAccessedByLayers("client", "deployment", "bridge", "governance", "workers", "cli")
                .whereLayer("contracts").mayOnlyBeAccessedByLayers("client", "deployment", "bridge", "governance", "workers", "cli")
                .whereLayer("ckks").mayOnlyBeAccessedByLayers("zkllm", "workers", "cli", "gpu")
                .check(classes);
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
