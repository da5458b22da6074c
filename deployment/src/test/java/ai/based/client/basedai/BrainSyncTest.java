package ai.based.client.basedai;

import static ai.based.client.Pepe.units;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.client.EthereumSession;
import ai.based.client.brains.AcquisitionMethod;
import ai.based.client.brains.BrainClient;
import ai.based.client.manifest.BridgeContracts;
import ai.based.contracts.BrainMirror;
import ai.based.contracts.EthereumMessenger;
import ai.based.deployment.BasedChainFixture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * BrainSync sends what the Ethereum contracts say about a Brain, whoever pays the gas: the message names the owner, or
 * the linked BasedAI wallet, or marks the Brain inactive. Delivery by relayers is the bridge's tests' business.
 */
@Tag("devnet")
class BrainSyncTest {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";
    private static BasedChainFixture chain;
    private static EthereumSession session;

    @BeforeAll
    static void deploy() throws Exception {
        chain = BasedChainFixture.yearOne();
        session = chain.ethereumSession;
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    private static Credentials funded() throws Exception {
        return chain.freshEthereumWallet(units(5_000));
    }

    /** The mirror's event that carries this message hash, and checks the messenger sent that very hash. */
    private static BrainMirror.BrainMirroredEventResponse mirrored(byte[] messageHash) throws Exception {
        List<byte[]> sent = session.logs(BridgeContracts.ETHEREUM_MESSENGER, EventEncoder.encode(EthereumMessenger.SENTMESSAGE_EVENT))
                .stream().map(log -> EthereumMessenger.getSentMessageEventFromLog(log).messageHash).toList();
        assertThat(sent).anySatisfy(hash -> assertThat(hash).isEqualTo(messageHash));
        return session.logs(BridgeContracts.BRAIN_MIRROR, EventEncoder.encode(BrainMirror.BRAINMIRRORED_EVENT)).stream()
                .map(BrainMirror::getBrainMirroredEventFromLog)
                .filter(event -> Arrays.equals(event.messageHash, messageHash))
                .findFirst().orElseThrow();
    }

    @Test
    void anyoneMaySyncABrainAndTheMessageNamesItsOwnerThenItsLinkedWallet() throws Exception {
        Credentials owner = funded();
        Credentials stranger = funded();
        BrainClient brains = new BrainClient(session);
        long id = brains.acquire(owner, AcquisitionMethod.BURN, line -> {}).brainId();

        byte[] first = BrainSync.mirror(session, stranger, id);
        BrainMirror.BrainMirroredEventResponse event = mirrored(first);
        assertThat(event.brainId.longValueExact()).isEqualTo(id);
        assertThat(event.owner).isEqualToIgnoringCase(owner.getAddress());
        assertThat(event.active).isTrue();

        String basedWallet = Credentials.create(Keys.createEcKeyPair()).getAddress();
        brains.link(owner, id, basedWallet);
        byte[] second = BrainSync.mirror(session, stranger, id);
        assertThat(second).isNotEqualTo(first);
        assertThat(mirrored(second).owner).isEqualToIgnoringCase(basedWallet);
    }

    @Test
    void aBrainThatDoesNotExistIsSentAsInactive() throws Exception {
        BrainMirror.BrainMirroredEventResponse event = mirrored(BrainSync.mirror(session, funded(), 900));
        assertThat(event.active).isFalse();
        assertThat(event.owner).isEqualTo(ZERO);
    }
}
