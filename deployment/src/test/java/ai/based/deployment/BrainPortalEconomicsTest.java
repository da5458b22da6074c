package ai.based.deployment;

import org.junit.jupiter.api.Tag;

import ai.based.client.manifest.ManifestStore;
import ai.based.client.manifest.EthereumContracts;
import ai.based.client.manifest.DeploymentException;

import static ai.based.deployment.PortalFixture.brainId;
import static ai.based.deployment.PortalFixture.pepe;
import static ai.based.deployment.PortalFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.based.chain.anvil.DevAccounts;
import ai.based.contracts.BrainPortal;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The full 1024-Brain cap, bought entirely by burn. Checks the total burned against the figure written in
 * BrainPortal's docs: 104,140,000 PEPE (the whitepaper's 107,563,530 cannot come from its own price rule).
 */
@Tag("devnet")
class BrainPortalEconomicsTest extends TwoChainsTest {
    private static final String DEAD = "0x000000000000000000000000000000000000dEaD";
    private static final long NON_RESERVED = 1024 - 8;

    @TempDir
    Path manifests;

    @Test
    void buyingEveryNonReservedBrainByBurnBurns104140000Pepe() throws Exception {
        PortalFixture f = PortalFixture.deploy(chains, manifests, 1024);
        Credentials buyer = DevAccounts.account(2);
        f.mint(buyer, pepe(200_000_000));
        BrainPortal portal = f.portal(buyer);
        f.pepe(buyer).approve(f.address(EthereumContracts.BRAIN_PORTAL), pepe(200_000_000)).send();

        BitSet numbers = new BitSet(1024);
        for (long id : new long[] {0, 1, 2, 3, 4, 5, 6, 47}) numbers.set((int) id);
        for (int i = 0; i < NON_RESERVED; i++) {
            int id = (int) brainId(portal.acquireByBurn().send());
            assertThat(numbers.get(id)).as("Brain #" + id + " issued twice").isFalse();
            numbers.set(id);
        }

        assertThat(numbers.cardinality()).isEqualTo(1024);
        assertThat(numbers.nextClearBit(0)).as("every number 0..1023 is live").isEqualTo(1024);
        assertThat(portal.activeBrains().send()).isEqualTo(1024);
        assertThat(f.pepeBalance(DEAD)).isEqualTo(pepe(104_140_000));
        assertThat(portal.burnPrice().send()).isEqualTo(pepe(1_000 + 200 * NON_RESERVED));
        reverts("PortalCapReached", () -> portal.acquireByBurn().send());
        assertThat(f.pepeBalance(buyer.getAddress())).isEqualTo(pepe(200_000_000 - 104_140_000));
    }

    @Test
    void capMustLeaveRoomAboveTheReservedBrainsAndFitTheNumberSpace() {
        for (int cap : new int[] {8, 1025}) {
            var deployer = new Deployer(new ManifestStore(manifests.resolve("cap" + cap)), PortalFixture.REVERTS, line -> {});
            var thrown = catchThrowable(() -> deployer.deploy("test", chains.ethereum,
                    chains.basedai, DevAccounts.account(0), DeployOptions.forDevnet().withMaxBrains(cap)));
            assertThat(thrown).isInstanceOf(DeploymentException.class).hasMessageContaining("BrainInvalidCap(maxBrains=" + cap + ")");
        }
    }
}
