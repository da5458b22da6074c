package ai.based.client.brains;

import static ai.based.client.Pepe.units;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.client.EthereumSession;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** The listing replayed from the token's and the portal's logs follows mints, transfers and owners' filters. */
@Tag("devnet")
class BrainOwnershipTest {
    private static final List<Long> RESERVED = List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 47L);
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

    @Test
    void aFreshDeploymentListsTheReservedBrainsOfTheAdministrator() throws Exception {
        String admin = Keys.toChecksumAddress(BasedChainFixture.ADMIN.getAddress());
        assertThat(new BrainOwnership(session).current(Optional.of(admin.toLowerCase())))
                .containsExactlyElementsOf(RESERVED.stream().map(id -> new BrainEntry(id, admin, AcquisitionMethod.RESERVED)).toList());
    }

    @Test
    void aTransferMovesTheBrainToItsNewOwnerInTheListing() throws Exception {
        Credentials seller = funded();
        Credentials buyer = Credentials.create(Keys.createEcKeyPair());
        long id = new BrainClient(session).acquire(seller, AcquisitionMethod.BURN, line -> {}).brainId();
        BrainOwnership ownership = new BrainOwnership(session);
        assertThat(ownership.current(Optional.of(seller.getAddress()))).extracting(BrainEntry::id).containsExactly(id);

        session.brains(session.signer(seller)).transferFrom(seller.getAddress(), buyer.getAddress(), BigInteger.valueOf(id)).send();

        assertThat(ownership.current(Optional.of(seller.getAddress()))).isEmpty();
        assertThat(ownership.current(Optional.of(buyer.getAddress())))
                .containsExactly(new BrainEntry(id, Keys.toChecksumAddress(buyer.getAddress()), AcquisitionMethod.BURN));
        assertThat(ownership.current(Optional.empty())).extracting(BrainEntry::id).containsAll(RESERVED).contains(id);
    }
}
