package ai.based.client.brains;

import static ai.based.client.Pepe.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.based.chain.anvil.DevnetClock;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import ai.based.client.devnet.DevnetFaucet;
import ai.based.client.manifest.EthereumContracts;
import ai.based.contracts.BrainPortal;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** BrainClient on a real Ethereum devnet with the real portal: acquisitions, refusals that change nothing, listings. */
@Tag("devnet")
class BrainClientTest {
    private static BasedChainFixture chain;
    private static EthereumSession session;
    private static BrainClient client;

    @BeforeAll
    static void deploy() throws Exception {
        chain = BasedChainFixture.yearOne();
        session = chain.ethereumSession;
        client = new BrainClient(session);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    /** A fresh wallet (random key) funded by the devnet faucet. */
    private static Credentials wallet(BigInteger pepe) throws Exception {
        return chain.freshEthereumWallet(pepe);
    }

    private static BigInteger pepeOf(String address) throws Exception {
        return session.pepe(session.reader()).balanceOf(address).send();
    }

    private static BrainPortal portal() {
        return session.portal(session.reader());
    }

    @Test
    void burningChargesExactlyTheBurnPriceAndTheNextBrainCostsTwoHundredMore() throws Exception {
        Credentials owner = wallet(units(5_000));
        BigInteger price = client.price(AcquisitionMethod.BURN);
        List<String> progress = new ArrayList<>();

        Acquired acquired = client.acquire(owner, AcquisitionMethod.BURN, progress::add);

        assertThat(acquired.method()).isEqualTo(AcquisitionMethod.BURN);
        assertThat(acquired.pepe()).isEqualTo(price);
        assertThat(pepeOf(owner.getAddress())).isEqualTo(units(5_000).subtract(price));
        assertThat(client.price(AcquisitionMethod.BURN)).isEqualTo(price.add(units(200)));
        assertThat(progress).anyMatch(line -> line.contains("acquiring by burn"));
        BrainInfo info = client.show(acquired.brainId());
        assertThat(info.owner()).isEqualTo(Keys.toChecksumAddress(owner.getAddress()));
        assertThat(info.method()).isEqualTo(AcquisitionMethod.BURN);
        assertThat(info.stake()).isEmpty();
        assertThat(info.basedWallet()).isEmpty();
        assertThat(client.list(Optional.of(owner.getAddress())))
                .containsExactly(new BrainEntry(acquired.brainId(), info.owner(), AcquisitionMethod.BURN));
    }

    @Test
    void aWalletShortOfPepeHearsWhatItHoldsAndNothingIsSpentOrMinted() throws Exception {
        Credentials poor = wallet(units(10));
        BigInteger active = portal().activeBrains().send();

        BrainException e = catchThrowableOfType(BrainException.class, () -> client.acquire(poor, AcquisitionMethod.BURN, line -> {}));

        assertThat(e.reason()).isEqualTo(BrainException.Reason.INSUFFICIENT_FUNDS);
        assertThat(e.getMessage()).contains("holds 10 PEPE").contains("burn price is " + Pepe.format(client.price(AcquisitionMethod.BURN)));
        assertThat(pepeOf(poor.getAddress())).isEqualTo(units(10));
        assertThat(portal().activeBrains().send()).isEqualTo(active);
        assertThat(session.pepe(session.reader()).allowance(poor.getAddress(), session.address(EthereumContracts.BRAIN_PORTAL)).send())
                .isZero();
        assertThat(client.list(Optional.of(poor.getAddress()))).isEmpty();
    }

    @Test
    void aWalletWithoutEthForGasIsToldToUseTheFaucetBeforeAnythingIsSigned() throws Exception {
        Credentials empty = Credentials.create(Keys.createEcKeyPair());
        BigInteger nonce = session.node().web3j().ethGetTransactionCount(empty.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();

        BrainException e = catchThrowableOfType(BrainException.class, () -> client.acquire(empty, AcquisitionMethod.STAKE, line -> {}));

        assertThat(e.reason()).isEqualTo(BrainException.Reason.INSUFFICIENT_FUNDS);
        assertThat(e.getMessage()).contains("holds no ETH for gas").contains("based wallet faucet");
        assertThat(nonce).isZero();
    }

    @Test
    void whenEveryBrainIsActiveTheCapIsNamedAndNothingIsSpent() throws Exception {
        try (BasedChainFixture full = BasedChainFixture.yearOneWithBrainCap(9); EthereumSession capped = EthereumSession.open(full.manifest)) {
            BrainClient brains = new BrainClient(capped);
            Credentials first = Credentials.create(Keys.createEcKeyPair());
            Credentials second = Credentials.create(Keys.createEcKeyPair());
            for (Credentials who : List.of(first, second)) {
                new DevnetFaucet(capped).fund(who.getAddress(), DevnetFaucet.DEFAULT_ETH, units(5_000), line -> {});
            }
            brains.acquire(first, AcquisitionMethod.BURN, line -> {});

            BrainException e = catchThrowableOfType(BrainException.class, () -> brains.acquire(second, AcquisitionMethod.BURN, line -> {}));

            assertThat(e.reason()).isEqualTo(BrainException.Reason.CAP_REACHED);
            assertThat(e.getMessage()).isEqualTo("cannot acquire Brain: all 9 Brains are active; one must be deactivated first");
            assertThat(capped.pepe(capped.reader()).balanceOf(second.getAddress()).send()).isEqualTo(units(5_000));
            assertThat(capped.portal(capped.reader()).activeBrains().send()).isEqualTo(9);
            assertThat(capped.pepe(capped.reader()).allowance(second.getAddress(), capped.address(EthereumContracts.BRAIN_PORTAL)).send())
                    .as("checked before approving").isZero();
        }
    }

    @Test
    void reservedBrainsCannotBeAcquired() {
        BrainException e = catchThrowableOfType(BrainException.class, () -> client.acquire(BasedChainFixture.ADMIN, AcquisitionMethod.RESERVED, line -> {}));
        assertThat(e.reason()).isEqualTo(BrainException.Reason.INVALID_INPUT);
    }

    @Test
    void anUnknownBrainIsNamedAsSuch() {
        BrainException e = catchThrowableOfType(BrainException.class, () -> client.show(900));
        assertThat(e.reason()).isEqualTo(BrainException.Reason.NO_SUCH_BRAIN);
        assertThat(e.getMessage()).isEqualTo("cannot show Brain #900: Brain #900 does not exist");
    }

    @Test
    void aStakedBrainIsLockedForNinetyDaysThenDeactivatesAndReturnsTheStake() throws Exception {
        Credentials staker = wallet(units(100_000));
        Acquired acquired = client.acquire(staker, AcquisitionMethod.STAKE, line -> {});
        BrainInfo info = client.show(acquired.brainId());
        assertThat(info.method()).isEqualTo(AcquisitionMethod.STAKE);
        assertThat(info.stake()).contains(units(100_000));
        assertThat(info.unlocksAt()).contains(info.acquiredAt().plus(Duration.ofDays(90)));
        assertThat(pepeOf(staker.getAddress())).isZero();

        BrainException locked = catchThrowableOfType(BrainException.class, () -> client.deactivate(staker, acquired.brainId()));
        assertThat(locked.reason()).isEqualTo(BrainException.Reason.STAKE_LOCKED);
        assertThat(client.show(acquired.brainId()).owner()).isEqualTo(info.owner());

        DevnetClock.advance(chain.ethereum, Duration.ofDays(91));
        client.deactivate(staker, acquired.brainId());
        assertThat(pepeOf(staker.getAddress())).isEqualTo(units(100_000));
        assertThat(client.list(Optional.empty())).extracting(BrainEntry::id).doesNotContain(acquired.brainId());
        assertThat(catchThrowableOfType(BrainException.class, () -> client.show(acquired.brainId())).reason())
                .isEqualTo(BrainException.Reason.NO_SUCH_BRAIN);
    }

    @Test
    void onlyTheOwnerMayDeactivateOrLinkAndABurntBrainCannotBeDeactivated() throws Exception {
        Credentials owner = wallet(units(5_000));
        Credentials stranger = wallet(BigInteger.ZERO);
        long id = client.acquire(owner, AcquisitionMethod.BURN, line -> {}).brainId();

        BrainException notOwner = catchThrowableOfType(BrainException.class, () -> client.deactivate(stranger, id));
        assertThat(notOwner.reason()).isEqualTo(BrainException.Reason.NOT_OWNER);
        assertThat(notOwner.getMessage()).contains("does not own Brain #" + id);
        BrainException notStaked = catchThrowableOfType(BrainException.class, () -> client.deactivate(owner, id));
        assertThat(notStaked.reason()).isEqualTo(BrainException.Reason.NOT_STAKED);
        BrainException linkByStranger = catchThrowableOfType(BrainException.class,
                () -> client.link(stranger, id, stranger.getAddress()));
        assertThat(linkByStranger.reason()).isEqualTo(BrainException.Reason.NOT_OWNER);
        BrainException notAnAddress = catchThrowableOfType(BrainException.class, () -> client.link(owner, id, "0x1234"));
        assertThat(notAnAddress.reason()).isEqualTo(BrainException.Reason.INVALID_INPUT);
        assertThat(client.show(id).basedWallet()).isEmpty();
        assertThat(client.show(id).owner()).isEqualTo(Keys.toChecksumAddress(owner.getAddress()));

        String basedWallet = Credentials.create(Keys.createEcKeyPair()).getAddress();
        client.link(owner, id, basedWallet);
        assertThat(client.show(id).basedWallet()).hasValueSatisfying(linked -> assertThat(linked).isEqualToIgnoringCase(basedWallet));
    }
}
