package ai.based.deployment;

import org.junit.jupiter.api.Tag;

import ai.based.client.manifest.EthereumContracts;

import static ai.based.deployment.PortalFixture.brainId;
import static ai.based.deployment.PortalFixture.pepe;
import static ai.based.deployment.PortalFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.DecodedRevert;
import ai.based.contracts.BrainPortal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** BrainNFT and BrainPortal on a real anvil: prices, numbering, cap, stake lock, transfers and access rules. */
@Tag("devnet")
class BrainPortalTest extends TwoChainsTest {
    private static final String DEAD = "0x000000000000000000000000000000000000dEaD";
    private static final int SMALL_CAP = 12;

    private final Credentials alice = DevAccounts.account(2);
    private final Credentials bob = DevAccounts.account(3);
    private final Credentials outsider = DevAccounts.account(4);
    private PortalFixture f;

    @TempDir
    Path manifests;

    @BeforeEach
    void deployFresh() throws Exception {
        f = PortalFixture.deploy(chains, manifests, SMALL_CAP);
        f.mint(alice, pepe(1_000_000));
        f.mint(bob, pepe(1_000_000));
    }

    @Test
    void reservedBrainsBelongToTheAdministratorFromDeploy() throws Exception {
        for (long id : new long[] {0, 1, 2, 3, 4, 5, 6, 47}) {
            assertThat(f.brains(alice).ownerOf(BigInteger.valueOf(id)).send()).isEqualToIgnoringCase(f.admin.getAddress());
            assertThat(f.brains(alice).acquisitionOf(BigInteger.valueOf(id)).send().component1()).isZero();
        }
        assertThat(f.portal(alice).activeBrains().send()).isEqualTo(8);
        reverts("ERC721NonexistentToken", () -> f.brains(alice).ownerOf(BigInteger.valueOf(7)).send());
    }

    @Test
    void burnPriceRisesBy200PepePerBrainIssuedByBurnAndThePepeIsBurned() throws Exception {
        assertThat(f.portal(alice).burnPrice().send()).isEqualTo(pepe(1_000));
        assertThat(brainId(f.burn(alice))).isEqualTo(7);
        assertThat(f.portal(alice).burnPrice().send()).isEqualTo(pepe(1_200));
        f.stake(bob);
        assertThat(f.portal(alice).burnPrice().send()).as("a stake does not move the burn price").isEqualTo(pepe(1_200));
        assertThat(brainId(f.burn(bob))).isEqualTo(9);
        assertThat(f.portal(alice).burnPrice().send()).isEqualTo(pepe(1_400));
        assertThat(f.pepeBalance(DEAD)).isEqualTo(pepe(2_200));
        assertThat(f.pepeBalance(alice.getAddress())).isEqualTo(pepe(999_000));
    }

    @Test
    void acquisitionEventCarriesWhatTheBasedChainNeeds() throws Exception {
        TransactionReceipt receipt = f.stake(alice);
        BrainPortal.BrainAcquiredEventResponse event = BrainPortal.getBrainAcquiredEvents(receipt).getFirst();
        assertThat(event.brainId).isEqualTo(7);
        assertThat(event.owner).isEqualToIgnoringCase(alice.getAddress());
        assertThat(event.method).isEqualTo(2);
        assertThat(event.pepeAmount).isEqualTo(pepe(100_000));
        var acquisition = f.brains(alice).acquisitionOf(BigInteger.valueOf(7)).send();
        assertThat(acquisition.component2()).isEqualTo(event.acquiredAt).isPositive();
    }

    @Test
    void capRefusesNewBrainsUntilADeactivationFreesTheLowestNumber() throws Exception {
        long first = brainId(f.stake(alice));
        long second = brainId(f.stake(bob));
        f.burn(alice);
        f.burn(bob);
        assertThat(new long[] {first, second}).containsExactly(7, 8);
        assertThat(f.portal(alice).activeBrains().send()).isEqualTo(SMALL_CAP);
        DecodedRevert full = reverts("PortalCapReached", () -> f.burn(alice));
        assertThat(full.value("maxBrains")).isEqualTo(BigInteger.valueOf(SMALL_CAP));

        DevnetClock.advance(f.ethereum, Duration.ofDays(90));
        f.portal(alice).deactivate(BigInteger.valueOf(first)).send();
        assertThat(f.portal(alice).activeBrains().send()).isEqualTo(SMALL_CAP - 1);
        assertThat(brainId(f.burn(bob))).as("the freed number is issued again").isEqualTo(first);
    }

    @Test
    void stakeStaysLockedFor90DaysThenComesBackWithTheBrainBurned() throws Exception {
        long id = brainId(f.stake(alice));
        BigInteger before = f.pepeBalance(alice.getAddress());
        assertThat(f.pepeBalance(f.address(EthereumContracts.BRAIN_PORTAL))).isEqualTo(pepe(100_000));

        DecodedRevert locked = reverts("PortalStakeLocked", () -> f.portal(alice).deactivate(BigInteger.valueOf(id)).send());
        BigInteger unlocksAt = (BigInteger) locked.value("unlocksAt");
        DevnetClock.advance(f.ethereum, Duration.ofDays(89));
        reverts("PortalStakeLocked", () -> f.portal(alice).deactivate(BigInteger.valueOf(id)).send());

        DevnetClock.advance(f.ethereum, Duration.ofDays(1));
        f.portal(alice).deactivate(BigInteger.valueOf(id)).send();
        assertThat(unlocksAt).isPositive();
        assertThat(f.pepeBalance(alice.getAddress())).isEqualTo(before.add(pepe(100_000)));
        assertThat(f.pepeBalance(f.address(EthereumContracts.BRAIN_PORTAL))).isZero();
        reverts("ERC721NonexistentToken", () -> f.brains(alice).ownerOf(BigInteger.valueOf(id)).send());
        assertThat(f.portal(alice).activeBrains().send()).isEqualTo(8);
    }

    @Test
    void stakedBrainsCannotMoveButBurnedBrainsCan() throws Exception {
        long staked = brainId(f.stake(alice));
        long burned = brainId(f.burn(alice));
        reverts("BrainNonTransferable", () -> f.brains(alice)
                .transferFrom(alice.getAddress(), bob.getAddress(), BigInteger.valueOf(staked)).send());
        f.brains(alice).transferFrom(alice.getAddress(), bob.getAddress(), BigInteger.valueOf(burned)).send();
        assertThat(f.brains(bob).ownerOf(BigInteger.valueOf(burned)).send()).isEqualToIgnoringCase(bob.getAddress());
    }

    @Test
    void onlyStakedBrainsCanBeDeactivated() throws Exception {
        long burned = brainId(f.burn(alice));
        DecodedRevert notStaked = reverts("PortalBrainNotStaked", () -> f.portal(alice).deactivate(BigInteger.valueOf(burned)).send());
        assertThat(notStaked.value("method")).isEqualTo(BigInteger.ONE);
        reverts("PortalBrainNotStaked", () -> f.portal(f.admin).deactivate(BigInteger.ZERO).send());
    }

    @Test
    void onlyTheOwnerMayDeactivateOrLink() throws Exception {
        long id = brainId(f.stake(alice));
        DevnetClock.advance(f.ethereum, Duration.ofDays(91));
        DecodedRevert notOwner = reverts("PortalNotBrainOwner", () -> f.portal(bob).deactivate(BigInteger.valueOf(id)).send());
        assertThat(notOwner.value("caller")).isEqualTo(bob.getAddress().toLowerCase());
        reverts("PortalNotBrainOwner", () -> f.portal(bob).linkBasedWallet(BigInteger.valueOf(id), bob.getAddress()).send());
        assertThat(f.pepeBalance(f.address(EthereumContracts.BRAIN_PORTAL))).isEqualTo(pepe(100_000));
    }

    @Test
    void linkedBasedWalletFollowsTheOwnerWhoLinkedIt() throws Exception {
        long id = brainId(f.burn(alice));
        String basedWallet = "0x00000000000000000000000000000000000b45ed";
        f.portal(alice).linkBasedWallet(BigInteger.valueOf(id), basedWallet).send();
        assertThat(f.portal(bob).basedWalletOf(BigInteger.valueOf(id)).send()).isEqualToIgnoringCase(basedWallet);
        f.brains(alice).transferFrom(alice.getAddress(), bob.getAddress(), BigInteger.valueOf(id)).send();
        assertThat(f.portal(bob).basedWalletOf(BigInteger.valueOf(id)).send())
                .as("a new owner must link their own wallet").isEqualTo("0x0000000000000000000000000000000000000000");
        reverts("PortalZeroBasedWallet", () -> f.portal(bob)
                .linkBasedWallet(BigInteger.valueOf(id), "0x0000000000000000000000000000000000000000").send());
    }

    @Test
    void shortWalletsLearnExactlyWhatTheyLack() throws Exception {
        f.mint(outsider, pepe(800));
        DecodedRevert poor = reverts("PortalInsufficientPepe", () -> f.portal(outsider).acquireByBurn().send());
        assertThat(poor.value("needed")).isEqualTo(pepe(1_000));
        assertThat(poor.value("balance")).isEqualTo(pepe(800));
        f.mint(outsider, pepe(1_000));
        DecodedRevert unapproved = reverts("PortalInsufficientAllowance", () -> f.portal(outsider).acquireByBurn().send());
        assertThat(unapproved.value("allowance")).isEqualTo(BigInteger.ZERO);
        assertThat(f.pepeBalance(outsider.getAddress())).isEqualTo(pepe(1_800));
    }

    @Test
    void outsidersAreRefusedOnEveryPrivilegedFunction() throws Exception {
        var nft = f.brains(outsider);
        var portal = f.portal(outsider);
        byte[] portalRole = nft.PORTAL_ROLE().send();
        byte[] pauserRole = portal.PAUSER_ROLE().send();
        byte[] adminRole = new byte[32];
        reverts("AccessControlUnauthorizedAccount", () -> nft.issue(outsider.getAddress(), BigInteger.ONE).send());
        reverts("AccessControlUnauthorizedAccount", () -> nft.retire(BigInteger.ZERO).send());
        reverts("AccessControlUnauthorizedAccount", () -> nft.grantRole(portalRole, outsider.getAddress()).send());
        reverts("AccessControlUnauthorizedAccount", () -> nft.revokeRole(portalRole, f.address(EthereumContracts.BRAIN_PORTAL)).send());
        reverts("AccessControlUnauthorizedAccount", () -> portal.pause().send());
        reverts("AccessControlUnauthorizedAccount", () -> portal.unpause().send());
        reverts("AccessControlUnauthorizedAccount", () -> portal.grantRole(pauserRole, outsider.getAddress()).send());
        reverts("AccessControlUnauthorizedAccount", () -> portal.grantRole(adminRole, outsider.getAddress()).send());
        assertThat(nft.hasRole(portalRole, outsider.getAddress()).send()).isFalse();
    }

    @Test
    void pauseStopsAcquisitionsButNeverTrapsAStake() throws Exception {
        long id = brainId(f.stake(alice));
        f.portal(f.admin).pause().send();
        reverts("EnforcedPause", () -> f.burn(bob));
        DevnetClock.advance(f.ethereum, Duration.ofDays(90));
        f.portal(alice).deactivate(BigInteger.valueOf(id)).send();
        f.portal(f.admin).unpause().send();
        assertThat(brainId(f.burn(bob))).isEqualTo(id);
    }

    @Test
    void numbersAreIssuedInAscendingOrderAroundReservedBrain47() throws Exception {
        PortalFixture big = PortalFixture.deploy(chains, manifests.resolve("big"), 64);
        big.mint(alice, pepe(200_000_000));
        big.pepe(alice).approve(big.address(EthereumContracts.BRAIN_PORTAL), pepe(200_000_000)).send();
        long last = -1;
        for (int i = 0; i < 41; i++) {
            long id = brainId(big.portal(alice).acquireByBurn().send());
            assertThat(id).isGreaterThan(last).isNotEqualTo(47);
            last = id;
        }
        assertThat(last).as("7..46 then 48").isEqualTo(48);
    }
}
