package ai.based.bridge;

import org.junit.jupiter.api.Tag;

import static ai.based.bridge.BridgeFixture.based;
import static ai.based.bridge.BridgeFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.contracts.BasedBridge;
import ai.based.contracts.BrainMirror;
import ai.based.contracts.EthereumBridge;
import ai.based.contracts.RegistryFeeder;
import ai.based.contracts.WrappedBased;
import ai.based.client.manifest.BridgeContracts;
import ai.based.chain.tx.TxManager;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** The message bridge on two real anvils with a local 2-of-3 relayer quorum. */
@Tag("devnet")
class BridgeTest {
    private final Credentials alice = DevAccounts.account(2);
    private final Credentials outsider = DevAccounts.account(4);
    private BridgeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(based(1_000));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private BasedBridge basedBridge(Credentials who) {
        return BasedBridge.load(f.basedai.address(BridgeContracts.BASED_BRIDGE), f.basedai.node().web3j(), f.basedai.signer(who), TxManager.WRAPPER_GAS);
    }

    private EthereumBridge ethBridge(Credentials who) {
        return EthereumBridge.load(f.ethereum.address(BridgeContracts.ETHEREUM_BRIDGE), f.ethereum.node().web3j(), f.ethereum.signer(who), TxManager.WRAPPER_GAS);
    }

    private WrappedBased wbased() {
        return WrappedBased.load(f.ethereum.address(BridgeContracts.WRAPPED_BASED), f.ethereum.node().web3j(), f.ethereum.reader(), TxManager.WRAPPER_GAS);
    }

    private void lock(Credentials who, BigInteger amount) throws Exception {
        f.basedai.token(f.basedai.signer(BridgeFixture.FAUCET)).transfer(who.getAddress(), amount).send();
        f.basedai.token(f.basedai.signer(who)).approve(f.basedai.address(BridgeContracts.BASED_BRIDGE), amount).send();
        basedBridge(who).bridgeToEthereum(who.getAddress(), amount).send();
    }

    private BigInteger locked() throws Exception {
        return f.basedai.token(f.basedai.reader()).balanceOf(f.basedai.address(BridgeContracts.BASED_BRIDGE)).send();
    }

    @Test
    void basedToWrappedAndBackKeepsBalancesExactAndSupplyBelowTheLock() throws Exception {
        lock(alice, based(300));
        assertThat(f.toEthereum(BridgeFixture.RELAYERS.subList(0, 2)).relayPending(line -> {})).isEqualTo(1);
        assertThat(wbased().balanceOf(alice.getAddress()).send()).isEqualTo(based(300));
        assertThat(wbased().totalSupply().send()).isLessThanOrEqualTo(locked()).isEqualTo(based(300));

        ethBridge(alice).bridgeToBasedAi(alice.getAddress(), based(120)).send();
        assertThat(wbased().totalSupply().send()).isEqualTo(based(180));
        assertThat(f.toBasedAi(BridgeFixture.RELAYERS.subList(1, 3)).relayPending(line -> {})).isEqualTo(1);
        assertThat(f.basedai.token(f.basedai.reader()).balanceOf(alice.getAddress()).send()).isEqualTo(based(120));
        assertThat(locked()).isEqualTo(based(180)).isEqualTo(wbased().totalSupply().send());
        assertThat(f.toBasedAi(BridgeFixture.RELAYERS).relayPending(line -> {})).as("nothing is delivered twice").isZero();
    }

    @Test
    void brainStateReachesTheRegistryThroughTheMirror() throws Exception {
        var pepe = f.ethereum.pepe(f.ethereum.signer(DevAccounts.account(1)));
        pepe.faucet(alice.getAddress(), based(1_000)).send();
        f.ethereum.pepe(f.ethereum.signer(alice)).approve(f.ethereum.address("BrainPortal"), based(1_000)).send();
        f.ethereum.portal(f.ethereum.signer(alice)).acquireByBurn().send();
        BrainMirror mirror = BrainMirror.load(f.ethereum.address(BridgeContracts.BRAIN_MIRROR), f.ethereum.node().web3j(),
                f.ethereum.signer(outsider), TxManager.WRAPPER_GAS);
        mirror.sync(BigInteger.valueOf(7)).send();
        f.toBasedAi(BridgeFixture.RELAYERS.subList(0, 2)).relayPending(line -> {});
        var registry = f.basedai.registry(f.basedai.reader());
        assertThat(registry.ownerOf(BigInteger.valueOf(7)).send()).isEqualToIgnoringCase(alice.getAddress());

        String basedWallet = "0x00000000000000000000000000000000000b45ed";
        f.ethereum.portal(f.ethereum.signer(alice)).linkBasedWallet(BigInteger.valueOf(7), basedWallet).send();
        mirror.sync(BigInteger.valueOf(7)).send();
        f.ethereum.brains(f.ethereum.signer(alice)).transferFrom(alice.getAddress(), outsider.getAddress(), BigInteger.valueOf(7)).send();
        mirror.sync(BigInteger.valueOf(7)).send();
        f.toBasedAi(BridgeFixture.RELAYERS.subList(0, 2)).relayPending(line -> {});
        assertThat(registry.ownerOf(BigInteger.valueOf(7)).send()).as("the new owner has not linked a wallet")
                .isEqualToIgnoringCase(outsider.getAddress());
        mirror.sync(BigInteger.valueOf(999)).send();
        f.toBasedAi(BridgeFixture.RELAYERS.subList(0, 2)).relayPending(line -> {});
        assertThat(registry.isActive(BigInteger.valueOf(999)).send()).isFalse();
    }

    @Test
    void forgedDuplicateInsufficientReplayedAndMisdirectedMessagesAreRejected() throws Exception {
        lock(alice, based(10));
        BridgeMessage message = f.basedEnd.sent(0).getFirst();
        byte[] digest = f.ethEnd.digest(message);
        var tx = f.ethereum.signer(BridgeFixture.SUBMITTER);
        List<Credentials> two = BridgeFixture.RELAYERS.subList(0, 2);
        reverts("SignerQuorumNotReached", () -> f.ethEnd.relay(tx, message, List.of(RelayDigest.sign(two.get(0), digest))));
        reverts("SignerNotMember", () -> f.ethEnd.relay(tx, message,
                List.of(RelayDigest.sign(two.get(0), digest), RelayDigest.sign(outsider, digest))));
        byte[] one = RelayDigest.sign(two.get(0), digest);
        reverts("SignersNotAscending", () -> f.ethEnd.relay(tx, message, List.of(one, one)));
        BridgeMessage misdirected = new BridgeMessage(message.hash(), message.sourceChainId(), 999, message.nonce(),
                message.sender(), message.target(), message.value(), message.gasLimit(), message.data(), message.blockNumber());
        reverts("MessengerWrongChain", () -> f.ethEnd.relay(tx, misdirected, List.of()));
        f.toEthereum(BridgeFixture.RELAYERS).relayPending(line -> {});
        List<Credentials> sorted = new java.util.ArrayList<>(two);
        sorted.sort(java.util.Comparator.comparing(c -> new BigInteger(c.getAddress().substring(2), 16)));
        reverts("MessengerAlreadyRelayed", () -> f.ethEnd.relay(tx, message, sorted.stream().map(c -> RelayDigest.sign(c, digest)).toList()));
        assertThat(wbased().totalSupply().send()).isEqualTo(based(10));
    }

    @Test
    void mintsAboveTheHourlyLimitFailRetryablyAndGoThroughAfterTheHour() throws Exception {
        lock(alice, based(900));
        lock(alice, based(200));
        f.toEthereum(BridgeFixture.RELAYERS).relayPending(line -> {});
        List<BridgeMessage> sent = f.basedEnd.sent(0);
        assertThat(f.ethEnd.executed(sent.get(0).hash())).isTrue();
        assertThat(f.ethEnd.failed(sent.get(1).hash())).as("1,100 exceeds the 1,000 per hour").isTrue();
        var messenger = f.ethEnd.contract(f.ethereum.signer(outsider));
        BridgeMessage m = sent.get(1);
        reverts("MessengerNotFailed", () -> messenger.retryMessage(BigInteger.valueOf(m.sourceChainId()),
                BigInteger.valueOf(m.destinationChainId()), sent.get(0).nonce(), m.sender(), m.target(), m.value(),
                BigInteger.valueOf(m.gasLimit()), sent.get(0).data()).send());
        DevnetClock.advance(f.ethNode, Duration.ofHours(1));
        retry(messenger, m);
        assertThat(f.ethEnd.executed(m.hash())).isTrue();
        assertThat(wbased().totalSupply().send()).isEqualTo(based(1_100)).isEqualTo(locked());
    }

    private static void retry(ai.based.contracts.EthereumMessenger messenger, BridgeMessage m) throws Exception {
        messenger.retryMessage(BigInteger.valueOf(m.sourceChainId()), BigInteger.valueOf(m.destinationChainId()), m.nonce(),
                m.sender(), m.target(), m.value(), BigInteger.valueOf(m.gasLimit()), m.data()).send();
    }

    @Test
    void aReturnBombAGuzzlerAndAHugeRevertCostOnlyTheirOwnGasAndHonestMessagesStillGoThrough() throws Exception {
        HostileTargets.install(f.ethNode.rpcUrl());
        BridgeMessage bomb = HostileTargets.send(f.basedEnd, outsider, HostileTargets.BOMB_ADDRESS, 5_000_000);
        BridgeMessage guzzler = HostileTargets.send(f.basedEnd, outsider, HostileTargets.GUZZLER_ADDRESS, 5_000_000);
        BridgeMessage reverter = HostileTargets.send(f.basedEnd, outsider, HostileTargets.REVERTER_ADDRESS, 1_000_000);
        reverts("MessengerGasLimitTooHigh", () -> HostileTargets.send(f.basedEnd, outsider, HostileTargets.GUZZLER_ADDRESS, 5_000_001));
        // data too large for a relay batch to carry is refused at the source, where the sender still holds it
        reverts("MessengerDataTooLarge", () -> f.basedEnd.contract(f.basedEnd.session().signer(outsider))
                .sendMessage(HostileTargets.GUZZLER_ADDRESS, new byte[32 * 1024 + 1], BigInteger.valueOf(100_000), BigInteger.ZERO).send());
        lock(alice, based(7));
        assertThat(f.toEthereum(BridgeFixture.RELAYERS).relayPending(line -> {})).isEqualTo(4);
        assertThat(f.ethEnd.executed(bomb.hash())).as("the bomb returns its memory, which is not copied").isTrue();
        assertThat(f.ethEnd.failed(guzzler.hash())).as("the guzzler ran out of its own gas: failed, retryable").isTrue();
        assertThat(f.ethEnd.failed(reverter.hash())).isTrue();
        assertThat(wbased().balanceOf(alice.getAddress()).send()).isEqualTo(based(7));
    }

    @Test
    void aRelayGivenLessGasThanTheMessageAskedForRevertsAndRecordsNothing() throws Exception {
        HostileTargets.install(f.ethNode.rpcUrl());
        BridgeMessage guzzler = HostileTargets.send(f.basedEnd, outsider, HostileTargets.GUZZLER_ADDRESS, 1_000_000);
        byte[] digest = f.ethEnd.digest(guzzler);
        List<Credentials> two = new java.util.ArrayList<>(BridgeFixture.RELAYERS.subList(0, 2));
        two.sort(java.util.Comparator.comparing(c -> new BigInteger(c.getAddress().substring(2), 16)));
        List<byte[]> signatures = two.stream().map(c -> RelayDigest.sign(c, digest)).toList();
        // a griefing relayer signs its own transaction with 600,000 gas for a message that asked for 1,000,000
        var griefer = new org.web3j.tx.RawTransactionManager(f.ethNode.web3j(), DevAccounts.account(9), f.ethNode.chainId());
        var underfunded = ai.based.contracts.EthereumMessenger.load(f.ethEnd.address(), f.ethNode.web3j(), griefer,
                new org.web3j.tx.gas.StaticGasProvider(BigInteger.valueOf(50_000_000_000L), BigInteger.valueOf(600_000)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> underfunded.relayMessage(BigInteger.valueOf(guzzler.sourceChainId()),
                BigInteger.valueOf(guzzler.destinationChainId()), guzzler.nonce(), guzzler.sender(), guzzler.target(), guzzler.value(),
                BigInteger.valueOf(guzzler.gasLimit()), guzzler.data(), signatures).send())
                .isInstanceOf(org.web3j.protocol.exceptions.TransactionException.class);
        assertThat(f.ethNode.web3j().ethGetTransactionCount(DevAccounts.account(9).getAddress(),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getTransactionCount())
                .as("the underfunded relay was mined, and reverted").isEqualTo(BigInteger.ONE);
        assertThat(f.ethEnd.failed(guzzler.hash())).as("an underfunded relay cannot make a message fail").isFalse();
        assertThat(f.ethEnd.executed(guzzler.hash())).isFalse();
        assertThat(f.toEthereum(BridgeFixture.RELAYERS).relayPending(line -> {})).isEqualTo(1);
        assertThat(f.ethEnd.failed(guzzler.hash())).as("with its full gas it ran out of its own: failed, retryable").isTrue();
    }

    @Test
    void aLockTheDestinationCouldNeverMintIsRefusedAtTheSource() throws Exception {
        f.basedai.token(f.basedai.signer(BridgeFixture.FAUCET)).transfer(alice.getAddress(), based(1_001)).send();
        f.basedai.token(f.basedai.signer(alice)).approve(f.basedai.address(BridgeContracts.BASED_BRIDGE), based(1_001)).send();
        reverts("BridgeAmountAboveMintLimit", () -> basedBridge(alice).bridgeToEthereum(alice.getAddress(), based(1_001)).send());
        assertThat(locked()).as("nothing stranded").isZero();
        assertThat(f.basedai.token(f.basedai.reader()).balanceOf(alice.getAddress()).send()).isEqualTo(based(1_001));
        basedBridge(alice).bridgeToEthereum(alice.getAddress(), based(1_000)).send();
        assertThat(locked()).as("exactly the limit is fine").isEqualTo(based(1_000));
    }

    @Test
    void aFailedMintIsRefundedOnTheSourceAfterTheDelayAndCanNeverBeMintedAfterwards() throws Exception {
        lock(alice, based(900));
        lock(alice, based(200));
        f.toEthereum(BridgeFixture.RELAYERS).relayPending(line -> {});
        List<BridgeMessage> sent = f.basedEnd.sent(0);
        BridgeMessage minted = sent.get(0);
        BridgeMessage failed = sent.get(1);
        assertThat(f.ethEnd.failed(failed.hash())).isTrue();
        BigInteger aliceBefore = f.basedai.token(f.basedai.reader()).balanceOf(alice.getAddress()).send();

        reverts("BridgeRefundTooEarly", () -> ethBridge(outsider).refundFailedMint(failed.nonce(), failed.data()).send());
        reverts("BridgeMintNotFailed", () -> ethBridge(outsider).refundFailedMint(minted.nonce(), minted.data()).send());
        DevnetClock.advance(f.ethNode, Duration.ofDays(1));
        ethBridge(outsider).refundFailedMint(failed.nonce(), failed.data()).send();
        reverts("BridgeTransferRefunded", () -> ethBridge(outsider).refundFailedMint(failed.nonce(), failed.data()).send());
        assertThat(f.toBasedAi(BridgeFixture.RELAYERS).relayPending(line -> {})).isEqualTo(1);
        assertThat(f.basedai.token(f.basedai.reader()).balanceOf(alice.getAddress()).send())
                .as("the 200 BASED went back to whoever locked them").isEqualTo(aliceBefore.add(based(200)));

        retry(f.ethEnd.contract(f.ethereum.signer(outsider)), failed);
        assertThat(f.ethEnd.executed(failed.hash())).as("a refunded transfer never mints").isFalse();
        assertThat(wbased().totalSupply().send()).isEqualTo(based(900)).isEqualTo(locked());
    }

    @Test
    void pauseHoldsDeliveryAndOutsidersAreRefused() throws Exception {
        lock(alice, based(5));
        f.ethEnd.contract(f.ethereum.signer(BridgeFixture.ADMIN)).pause().send();
        reverts("EnforcedPause", () -> f.toEthereum(BridgeFixture.RELAYERS).relayPending(line -> {}));
        f.ethEnd.contract(f.ethereum.signer(BridgeFixture.ADMIN)).unpause().send();
        assertThat(f.toEthereum(BridgeFixture.RELAYERS).relayPending(line -> {})).isEqualTo(1);

        reverts("AccessControlUnauthorizedAccount", () -> f.ethEnd.contract(f.ethereum.signer(outsider)).pause().send());
        reverts("AccessControlUnauthorizedAccount", () -> f.ethEnd.contract(f.ethereum.signer(outsider))
                .setRelayers(List.of(outsider.getAddress()), BigInteger.ONE).send());
        reverts("AccessControlUnauthorizedAccount", () -> f.basedEnd.contract(f.basedai.signer(BridgeFixture.ADMIN))
                .setRelayers(List.of(outsider.getAddress()), BigInteger.ONE).send());
        reverts("EndpointOnlyRemote", () -> ethBridge(outsider).finalizeMint(outsider.getAddress(), outsider.getAddress(), based(1),
                BigInteger.ZERO, BigInteger.ZERO).send());
        reverts("EndpointOnlyRemote", () -> basedBridge(outsider).finalizeRefund(BigInteger.ZERO, outsider.getAddress(), based(1)).send());
        reverts("EndpointOnlyRemote", () -> basedBridge(outsider).finalizeRelease(outsider.getAddress(), based(1)).send());
        var wrapped = WrappedBased.load(f.ethereum.address(BridgeContracts.WRAPPED_BASED), f.ethereum.node().web3j(),
                f.ethereum.signer(outsider), TxManager.WRAPPER_GAS);
        reverts("WrappedOnlyBridge", () -> wrapped.mint(outsider.getAddress(), based(1)).send());
        var feeder = RegistryFeeder.load(f.basedai.address(BridgeContracts.REGISTRY_FEEDER), f.basedai.node().web3j(),
                f.basedai.signer(outsider), TxManager.WRAPPER_GAS);
        reverts("EndpointOnlyRemote", () -> feeder.applyBrain(BigInteger.ONE, outsider.getAddress(), BigInteger.ONE, BigInteger.ZERO, true).send());
    }
}
