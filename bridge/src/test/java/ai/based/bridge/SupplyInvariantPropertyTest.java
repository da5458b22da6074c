package ai.based.bridge;

import net.jqwik.api.Tag;

import static ai.based.bridge.BridgeFixture.based;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedBridge;
import ai.based.contracts.EthereumBridge;
import ai.based.contracts.WrappedBased;
import ai.based.client.manifest.BridgeContracts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.utils.Numeric;
import ai.based.contracts.EthereumMessenger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.web3j.crypto.Credentials;

/**
 * Invariant: total wBASED supply never exceeds the BASED locked in BasedBridge, and equals it once every message is
 * delivered; every honest message is executed exactly once, whatever hostile messages (return bombs, gas guzzlers,
 * reverts with huge data) are queued between them. Random interleavings of locks, burns, hostile messages and relay
 * passes in either direction, on real anvils (one pair for all tries: the invariant is global, so the state each try
 * leaves is a valid start for the next).
 */
@Tag("devnet")
class SupplyInvariantPropertyTest {
    private static final Credentials ALICE = DevAccounts.account(2);
    private static BridgeFixture f;

    enum Kind { LOCK, BURN, HOSTILE, RELAY_TO_ETHEREUM, RELAY_TO_BASEDAI }

    private static final Credentials MALLORY = DevAccounts.account(4);
    private static final List<String> HOSTILE_TARGETS = List.of(HostileTargets.BOMB_ADDRESS, HostileTargets.GUZZLER_ADDRESS,
            HostileTargets.REVERTER_ADDRESS);
    /** Honest message hashes by the messenger end that executes them. */
    private static final List<byte[]> honestToEthereum = new ArrayList<>();
    private static final List<byte[]> honestToBasedAi = new ArrayList<>();

    record Op(Kind kind, long amount) {}

    @BeforeContainer
    static void start() throws Exception {
        f = new BridgeFixture(based(1_000_000));
        f.basedai.token(f.basedai.signer(BridgeFixture.FAUCET)).transfer(ALICE.getAddress(), based(100_000)).send();
        f.basedai.token(f.basedai.signer(ALICE)).approve(f.basedai.address(BridgeContracts.BASED_BRIDGE), based(100_000)).send();
        HostileTargets.install(f.ethNode.rpcUrl());
        HostileTargets.install(f.basedNode.rpcUrl());
    }

    @AfterContainer
    static void stop() {
        f.close();
    }

    @Provide
    Arbitrary<List<Op>> interleavings() {
        Arbitrary<Op> op = Arbitraries.of(Kind.values()).flatMap(kind -> Arbitraries.longs().between(1, 50).map(n -> new Op(kind, n)));
        return op.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 12, seed = "20261121")
    void wrappedSupplyNeverExceedsLockedBased(@ForAll("interleavings") List<Op> ops) throws Exception {
        for (Op op : ops) {
            apply(op);
            assertThat(wrappedSupply()).as("after " + op).isLessThanOrEqualTo(locked());
        }
        relay(f.toEthereum(BridgeFixture.RELAYERS));
        relay(f.toBasedAi(BridgeFixture.RELAYERS));
        assertThat(wrappedSupply()).as("everything delivered").isEqualTo(locked());
        assertExecutedOnce(f.ethEnd, BridgeContracts.ETHEREUM_MESSENGER, f.ethereum, honestToEthereum);
        assertExecutedOnce(f.basedEnd, BridgeContracts.BASED_MESSENGER, f.basedai, honestToBasedAi);
    }

    private static void assertExecutedOnce(MessengerEnd end, String messenger, ai.based.client.ChainSession session, List<byte[]> hashes)
            throws Exception {
        List<String> executions = session.logs(messenger, EventEncoder.encode(EthereumMessenger.RELAYEDMESSAGE_EVENT)).stream()
                .map(log -> log.getTopics().get(1).toLowerCase()).toList();
        for (byte[] hash : hashes) {
            String hex = Numeric.toHexString(hash);
            assertThat(end.executed(hash)).as("honest message " + hex).isTrue();
            assertThat(executions.stream().filter(hex::equals).count()).as("executions of " + hex).isEqualTo(1);
        }
    }

    private void apply(Op op) throws Exception {
        BigInteger amount = based(op.amount());
        switch (op.kind()) {
            case LOCK -> honestToEthereum.add(BasedBridge.getBridgeInitiatedEvents(BasedBridge.load(f.basedai.address(BridgeContracts.BASED_BRIDGE),
                    f.basedai.node().web3j(), f.basedai.signer(ALICE), TxManager.WRAPPER_GAS).bridgeToEthereum(ALICE.getAddress(), amount).send())
                    .getFirst().messageHash);
            case BURN -> {
                BigInteger held = wrapped().balanceOf(ALICE.getAddress()).send();
                if (held.signum() > 0) {
                    honestToBasedAi.add(EthereumBridge.getBridgeInitiatedEvents(EthereumBridge.load(f.ethereum.address(BridgeContracts.ETHEREUM_BRIDGE),
                            f.ethereum.node().web3j(), f.ethereum.signer(ALICE), TxManager.WRAPPER_GAS)
                            .bridgeToBasedAi(ALICE.getAddress(), amount.min(held)).send()).getFirst().messageHash);
                }
            }
            case HOSTILE -> {
                // the amount picks the target, the direction and a gas limit up to the messenger's maximum
                String target = HOSTILE_TARGETS.get((int) (op.amount() % 3));
                MessengerEnd source = op.amount() % 2 == 0 ? f.basedEnd : f.ethEnd;
                HostileTargets.send(source, MALLORY, target, 100_000 * op.amount());
            }
            case RELAY_TO_ETHEREUM -> relay(f.toEthereum(BridgeFixture.RELAYERS.subList(0, 2)));
            case RELAY_TO_BASEDAI -> relay(f.toBasedAi(BridgeFixture.RELAYERS.subList(1, 3)));
        }
    }

    private static void relay(MessageRelay relay) throws Exception {
        relay.relayPending(line -> {});
    }

    private WrappedBased wrapped() {
        return WrappedBased.load(f.ethereum.address(BridgeContracts.WRAPPED_BASED), f.ethereum.node().web3j(), f.ethereum.reader(),
                TxManager.WRAPPER_GAS);
    }

    private BigInteger wrappedSupply() throws Exception {
        return wrapped().totalSupply().send();
    }

    private BigInteger locked() throws Exception {
        return f.basedai.token(f.basedai.reader()).balanceOf(f.basedai.address(BridgeContracts.BASED_BRIDGE)).send();
    }
}
