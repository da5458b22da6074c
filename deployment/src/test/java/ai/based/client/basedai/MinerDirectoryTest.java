package ai.based.client.basedai;

import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.InvalidInputException;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.BrainRegistry;
import ai.based.deployment.AnvilImpersonation;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Convert;

/**
 * Discovery on a real anvil: only a miner sets its own axon (the registry's serve), clients list the serving miners
 * with MinerDirectory, limits are refused by name, and a slot taken over by a new registrant starts without the old
 * axon. Each test works on its own Brain number.
 */
@Tag("devnet")
class MinerDirectoryTest {
    private static final byte[] KEY = new byte[32];
    private static final Credentials OWNER = DevAccounts.account(2);
    private static BasedChainFixture chain;

    @BeforeAll
    static void deploy() throws Exception {
        chain = BasedChainFixture.yearOne();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    /** A Brain owned by OWNER whose registration is free, so tests need only gas. */
    private static BigInteger brain(long id) throws Exception {
        chain.sync(id, OWNER, 1, 0);
        chain.session.registry(chain.session.signer(OWNER)).setRegistrationFee(BigInteger.valueOf(id), BigInteger.ZERO).send();
        return BigInteger.valueOf(id);
    }

    private static Credentials wallet() throws Exception {
        Credentials who = Credentials.create(Keys.createEcKeyPair());
        chain.session.signer(BasedChainFixture.FAUCET).transfer(who.getAddress(), Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact());
        return who;
    }

    private static Credentials memorized(BigInteger brain, NodeRole role) throws Exception {
        Credentials who = wallet();
        registry(who).memorize(brain, role.onChain(), KEY).send();
        return who;
    }

    private static BrainRegistry registry(Credentials who) {
        return chain.session.registry(chain.session.signer(who));
    }

    private static byte[] sha256(String certificate) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getBytes(StandardCharsets.UTF_8));
    }

    private static List<BrainRegistry.NodeServingEventResponse> servingEvents() throws Exception {
        return chain.session.logs(BasedAiContracts.BRAIN_REGISTRY, EventEncoder.encode(BrainRegistry.NODESERVING_EVENT)).stream()
                .map(BrainRegistry::getNodeServingEventFromLog).toList();
    }

    @Test
    void aMinerAnnouncesItsOwnEndpointAndClientsFindIt() throws Exception {
        BigInteger brain = brain(20);
        Credentials silent = memorized(brain, NodeRole.MINER);
        Credentials miner = memorized(brain, NodeRole.MINER);
        MinerDirectory directory = new MinerDirectory(chain.session, miner);
        assertThat(directory.serving(20)).as("no miner announced anything yet").isEmpty();

        directory.serve(20, "https://miner.example:8443", sha256("cert one"));
        List<ServingMiner> serving = directory.serving(20);
        assertThat(serving).hasSize(1);
        assertThat(serving.getFirst().uid()).isEqualTo(1);
        assertThat(serving.getFirst().account()).isEqualToIgnoringCase(miner.getAddress());
        assertThat(serving.getFirst().endpoint()).isEqualTo("https://miner.example:8443");
        assertThat(serving.getFirst().certificateSha256()).isEqualTo(sha256("cert one"));
        var event = servingEvents().getLast();
        assertThat(event.brainId).isEqualTo(brain);
        assertThat(event.uid).isEqualTo(BigInteger.ONE);
        assertThat(event.account).isEqualToIgnoringCase(miner.getAddress());
        assertThat(event.endpoint).isEqualTo("https://miner.example:8443");

        // A new certificate (or address) replaces the old announcement, with an event for the change.
        int eventsBefore = servingEvents().size();
        directory.serve(20, "https://miner.example:9443/brain", sha256("cert two"));
        assertThat(servingEvents()).hasSize(eventsBefore + 1);
        BrainRegistry.Axon axon = registry(silent).axon(brain, BigInteger.ONE).send();
        assertThat(axon.endpoint).isEqualTo("https://miner.example:9443/brain");
        assertThat(axon.certificateHash).isEqualTo(sha256("cert two"));
        assertThat(axon.updatedAt.longValueExact()).isEqualTo(chain.basedai.blockNumber().longValueExact());
        assertThat(registry(silent).axon(brain, BigInteger.ZERO).send().endpoint).as("the silent miner's entry").isEmpty();
    }

    @Test
    void onlyTheMinerItselfSetsItsAxon() throws Exception {
        BigInteger brain = brain(21);
        Credentials miner = memorized(brain, NodeRole.MINER);
        new MinerDirectory(chain.session, miner).serve(21, "https://honest.example", sha256("honest"));
        Credentials otherMiner = memorized(brain, NodeRole.MINER);
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        Credentials outsider = wallet();

        reverts("RegistryNotMiner", () -> registry(outsider).serve(brain, "https://evil.example", sha256("evil")).send());
        reverts("RegistryNotMiner", () -> registry(validator).serve(brain, "https://evil.example", sha256("evil")).send());
        reverts("RegistryNotMiner", () -> registry(OWNER).serve(brain, "https://evil.example", sha256("evil")).send());
        // A miner of another Brain is no miner of this one.
        BigInteger elsewhere = brain(22);
        Credentials foreign = memorized(elsewhere, NodeRole.MINER);
        reverts("RegistryNotMiner", () -> registry(foreign).serve(brain, "https://evil.example", sha256("evil")).send());
        // Another miner's serve sets its own entry only.
        registry(otherMiner).serve(brain, "https://other.example", sha256("other")).send();
        assertThat(registry(outsider).axon(brain, BigInteger.ZERO).send().endpoint).isEqualTo("https://honest.example");
        assertThat(registry(outsider).axon(brain, BigInteger.ONE).send().endpoint).isEqualTo("https://other.example");

        assertThatThrownBy(() -> new MinerDirectory(chain.session, outsider).serve(21, "https://evil.example", sha256("evil")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a miner of the Brain");
        assertThatThrownBy(() -> new MinerDirectory(chain.session).serve(21, "https://evil.example", sha256("evil")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void endpointAndCertificateLimitsAreRefusedByName() throws Exception {
        BigInteger brain = brain(23);
        Credentials miner = memorized(brain, NodeRole.MINER);
        BrainRegistry registry = registry(miner);
        String longest = "https://m.example/" + "a".repeat(256 - "https://m.example/".length());
        reverts("RegistryInvalidEndpoint", () -> registry.serve(brain, "", sha256("c")).send());
        reverts("RegistryInvalidEndpoint", () -> registry.serve(brain, longest + "a", sha256("c")).send());
        reverts("RegistryInvalidCertificateHash", () -> registry.serve(brain, longest, new byte[32]).send());
        assertThat(registry.axon(brain, BigInteger.ZERO).send().endpoint).as("nothing refused was stored").isEmpty();
        registry.serve(brain, longest, sha256("c")).send();
        assertThat(registry.axon(brain, BigInteger.ZERO).send().endpoint).isEqualTo(longest);

        MinerDirectory directory = new MinerDirectory(chain.session, miner);
        assertThatThrownBy(() -> directory.serve(23, "http://m.example", sha256("c")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("https://");
        assertThatThrownBy(() -> directory.serve(23, longest + "a", sha256("c")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("257 bytes");
        assertThatThrownBy(() -> directory.serve(23, "https://m.example", new byte[31]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("32-byte");
    }

    @Test
    void discoverySkipsEndpointsThatAreNotHttpsUrlsAndReadsTheModelId() throws Exception {
        BigInteger brain = brain(24);
        Credentials hostile = memorized(brain, NodeRole.MINER);
        Credentials honest = memorized(brain, NodeRole.MINER);
        registry(hostile).serve(brain, "file:///etc/passwd", sha256("h")).send();
        registry(honest).serve(brain, "https://honest.example", sha256("o")).send();
        assertThat(new MinerDirectory(chain.session).serving(24)).extracting(ServingMiner::endpoint)
                .containsExactly("https://honest.example");

        registry(OWNER).configure(brain, "Tiny", "poly-gpt-tiny@sha256:ab12", "https://example.org", OWNER.getAddress(),
                BigInteger.valueOf(5_000), BigInteger.ZERO).send();
        assertThat(new MinerDirectory(chain.session).modelId(24)).isEqualTo("poly-gpt-tiny@sha256:ab12");
    }

    @Test
    void aSlotTakenOverByANewRegistrantStartsWithoutTheOldAxon() throws Exception {
        BigInteger brain = brain(25);
        BrainRegistry reader = registry(OWNER);
        Credentials first = memorized(brain, NodeRole.MINER);
        registry(first).serve(brain, "https://first.example", sha256("first")).send();
        // uid 0's immunity passes before the slots fill: anvil rebuilds the whole state root for each mined block, and
        // 5,000 blocks over the state of 1,792 miners took most of this test's minute.
        chain.mine(5_000);

        // Fill the other 1,791 miner slots from impersonated accounts (no keys needed on a devnet).
        try (AnvilImpersonation anvil = new AnvilImpersonation(chain.basedai)) {
            fillMinerSlotsAndPruneUidZero(anvil, reader, brain);
        }
        assertThat(reader.axon(brain, BigInteger.ZERO).send().endpoint).as("kept until the slot is taken").isEqualTo("https://first.example");
        Credentials newcomer = memorized(brain, NodeRole.MINER);
        assertThat(reader.uidOf(brain, NodeRole.MINER.onChain(), newcomer.getAddress()).send().component2()).isZero();

        BrainRegistry.Axon axon = reader.axon(brain, BigInteger.ZERO).send();
        assertThat(axon.endpoint).isEmpty();
        assertThat(axon.certificateHash).isEqualTo(new byte[32]);
        assertThat(new MinerDirectory(chain.session).serving(25)).isEmpty();
        reverts("RegistryNotMiner", () -> registry(first).serve(brain, "https://first.example", sha256("first")).send());
    }

    private static void fillMinerSlotsAndPruneUidZero(AnvilImpersonation anvil, BrainRegistry reader, BigInteger brain) throws Exception {
        List<String> fillers = new ArrayList<>();
        for (int i = 1; i < 1_792; i++) fillers.add(Keys.toChecksumAddress(String.format("0x%040x", 0x5eed_0000L + i)));
        anvil.impersonate(fillers);
        String memorize = FunctionEncoder.encode(new Function("memorize",
                List.of(new Uint256(brain), new Uint8(0), new Bytes32(KEY)), List.of()));
        anvil.send(fillers, reader.getContractAddress(), memorize);
        assertThat(reader.nodeCount(brain, NodeRole.MINER.onChain()).send()).isEqualTo(BigInteger.valueOf(1_792));

        // The epoch oracle names the first miner, past its immunity, as the pruning candidate: a newcomer takes the slot.
        String oracle = chain.session.address(BasedAiContracts.EPOCH_ORACLE);
        anvil.impersonate(List.of(oracle));
        anvil.send(List.of(oracle), reader.getContractAddress(), FunctionEncoder.encode(new Function("setPruneCandidate",
                List.of(new Uint256(brain), new Uint8(0), new Uint256(0)), List.of())));
    }
}
