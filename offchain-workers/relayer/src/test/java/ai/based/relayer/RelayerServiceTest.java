package ai.based.relayer;

import org.junit.jupiter.api.Tag;

import static ai.based.bridge.BridgeFixture.based;
import ai.based.bridge.BridgeFixture;
import ai.based.bridge.HostileTargets;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedBridge;
import ai.based.contracts.EthereumMessenger;
import ai.based.contracts.WrappedBased;
import ai.based.client.manifest.BridgeContracts;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;

/** Three relayer services exchanging attestations over HTTP: outages, a restart from the store, and a reorg. */
@Tag("devnet")
class RelayerServiceTest {
    static final Credentials ALICE = DevAccounts.account(2);
    private BridgeFixture f;
    private Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final SteppedRelayer[] relayers = new SteppedRelayer[3];
    private long confirmations;

    void start(long depth) throws Exception {
        confirmations = depth;
        f = new BridgeFixture(based(1_000_000));
        dir = Files.createTempDirectory("relayers-");
        for (int i = 0; i < 3; i++) ports.add(freePort());
        for (int i = 0; i < 3; i++) relayers[i] = startRelayer(i);
    }

    @AfterEach
    void stop() {
        for (SteppedRelayer r : relayers) if (r != null) r.close();
        if (f != null) f.close();
    }

    private SteppedRelayer startRelayer(int i) throws Exception {
        List<URI> peers = new ArrayList<>();
        for (int j = 0; j < 3; j++) if (j != i) peers.add(URI.create("http://127.0.0.1:" + ports.get(j)));
        Files.createDirectories(dir.resolve("r" + i));
        RelayerService service = RelayerService.open(BridgeFixture.RELAYERS.get(i), f.ethEnd, f.basedEnd, peers,
                new RelayerStore(dir.resolve("r" + i)), confirmations, Failpoints.none(), line -> {});
        return SteppedRelayer.serve(service, ports.get(i));
    }

    static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void lock(BridgeFixture f, BigInteger amount) throws Exception {
        f.basedai.token(f.basedai.signer(BridgeFixture.FAUCET)).transfer(ALICE.getAddress(), amount).send();
        f.basedai.token(f.basedai.signer(ALICE)).approve(f.basedai.address(BridgeContracts.BASED_BRIDGE), amount).send();
        BasedBridge.load(f.basedai.address(BridgeContracts.BASED_BRIDGE), f.basedai.node().web3j(), f.basedai.signer(ALICE),
                TxManager.WRAPPER_GAS).bridgeToEthereum(ALICE.getAddress(), amount).send();
    }

    /** Passes of every live relayer until wBASED reaches {@code expected} or the takeover window has surely passed. */
    private void relayUntil(BigInteger expected) throws Exception {
        for (int pass = 0; pass < RelayerService.TAKEOVER_PASSES + 3 && !wrapped(f).equals(expected); pass++) {
            for (SteppedRelayer r : relayers) if (r != null) r.step();
        }
    }

    /** Passes until no live relayer has anything pending (the Brain mirror messages of the deployment included). */
    private void settle() throws Exception {
        for (int pass = 0; pass < 2 * RelayerService.TAKEOVER_PASSES + 4; pass++) {
            for (SteppedRelayer r : relayers) if (r != null) r.step();
            boolean idle = true;
            for (SteppedRelayer r : relayers) if (r != null && r.metricsJson().getInteger("pending") > 0) idle = false;
            if (idle) return;
        }
    }

    static BigInteger wrapped(BridgeFixture f) throws Exception {
        return WrappedBased.load(f.ethereum.address(BridgeContracts.WRAPPED_BASED), f.ethereum.node().web3j(), f.ethereum.reader(),
                TxManager.WRAPPER_GAS).totalSupply().send();
    }

    static long executions(BridgeFixture f) throws Exception {
        return f.ethereum.logs(BridgeContracts.ETHEREUM_MESSENGER, EventEncoder.encode(EthereumMessenger.RELAYEDMESSAGE_EVENT)).size();
    }

    @Test
    void threeRelayersDeliverAndOneDownStillDelivers() throws Exception {
        start(0);
        lock(f, based(10));
        relayUntil(based(10));
        assertThat(wrapped(f)).isEqualTo(based(10));
        relayers[2].close();
        relayers[2] = null;
        for (int i = 0; i < 3; i++) lock(f, based(5));
        relayUntil(based(25));
        assertThat(wrapped(f)).as("whichever relayer is designated, the others take over").isEqualTo(based(25));
        assertThat(executions(f)).as("each message executed once").isEqualTo(4);
        settle();
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.get(0) + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("\"pending\":0", "\"lagBlocks\":0", "\"inFlightTransactions\":0");
    }

    @Test
    void aReturnBombAndAGuzzlerBurstQueuedWhileRelayersAreDownLeaveHonestMessagesDelivered() throws Exception {
        start(0);
        for (int i = 0; i < 3; i++) {
            relayers[i].close();
            relayers[i] = null;
        }
        HostileTargets.install(f.ethNode.rpcUrl());
        Credentials mallory = DevAccounts.account(4);
        HostileTargets.send(f.basedEnd, mallory, HostileTargets.BOMB_ADDRESS, 5_000_000);
        // 18 guzzlers: six to each designated relayer, 30 M gas of limits per relayer, more than a block holds
        for (int i = 0; i < 18; i++) HostileTargets.send(f.basedEnd, mallory, HostileTargets.GUZZLER_ADDRESS, 5_000_000);
        lock(f, based(7));
        for (int i = 0; i < 3; i++) relayers[i] = startRelayer(i);
        relayUntil(based(7));
        assertThat(wrapped(f)).as("the honest lock behind the bomb and the guzzlers").isEqualTo(based(7));
        settle();
        assertThat(executions(f)).as("the bomb and the lock executed, once each").isEqualTo(2);
        assertThat(f.ethereum.logs(BridgeContracts.ETHEREUM_MESSENGER, EventEncoder.encode(EthereumMessenger.FAILEDRELAYEDMESSAGE_EVENT)))
                .as("each guzzler recorded failed once, retryable").hasSize(18);
        for (SteppedRelayer r : relayers) {
            assertThat(r.metricsJson().getInteger("pending")).isZero();
            assertThat(r.metricsJson().getInteger("quarantined")).isZero();
        }
    }

    @Test
    void aMessageWhoseRelayRevertsEvenAloneIsQuarantinedAndReleasedOnceItRelays() throws Exception {
        start(0);
        settle(); // the deployment's Brains mirrored first: a paused messenger also refuses the mirror's messages
        lock(f, based(2));
        f.ethEnd.contract(f.ethereum.signer(BridgeFixture.ADMIN)).pause().send(); // every relay into Ethereum now reverts
        relayUntil(based(2));
        assertThat(wrapped(f)).isZero();
        int quarantined = 0;
        for (SteppedRelayer r : relayers) quarantined += r.metricsJson().getInteger("quarantined");
        assertThat(quarantined).as("the lock, quarantined by whoever tried to relay it").isPositive();
        f.ethEnd.contract(f.ethereum.signer(BridgeFixture.ADMIN)).unpause().send();
        relayUntil(based(2));
        assertThat(wrapped(f)).isEqualTo(based(2));
        for (SteppedRelayer r : relayers) assertThat(r.metricsJson().getInteger("quarantined")).isZero();
    }

    @Test
    void twoDownDeliverNothingUntilOneReturns() throws Exception {
        start(0);
        relayers[1].close();
        relayers[2].close();
        relayers[1] = null;
        relayers[2] = null;
        lock(f, based(7));
        relayUntil(based(7));
        assertThat(wrapped(f)).as("one signature is no quorum").isZero();
        relayers[1] = startRelayer(1);
        relayUntil(based(7));
        assertThat(wrapped(f)).isEqualTo(based(7));
        assertThat(executions(f)).isEqualTo(1);
    }

    @Test
    void aRestartedRelayerResumesFromItsCursorWithoutResubmitting() throws Exception {
        start(0);
        lock(f, based(3));
        relayUntil(based(3));
        settle();
        var before = relayers[0].metricsJson().getJsonObject("transactions");
        relayers[0].close();
        relayers[0] = startRelayer(0);
        settle();
        assertThat(relayers[0].metricsJson().getInteger("pending")).isZero();
        assertThat(relayers[0].metricsJson().getJsonObject("transactions")).as("nothing submitted again").isEqualTo(before);
        assertThat(executions(f)).isEqualTo(1);
    }

    @Test
    void aLockReorganisedAwayBeforeItsConfirmationDepthIsNeverMinted() throws Exception {
        start(2);
        String snapshot = rpc(f.basedNode.rpcUrl(), "evm_snapshot");
        lock(f, based(9));
        DevnetClock.mine(f.basedai.node(), 1); // the lock is 1 block deep: above 0, below the depth of 2
        for (SteppedRelayer r : relayers) r.step();
        rpc(f.basedNode.rpcUrl(), "evm_revert", snapshot);
        DevnetClock.mine(f.basedai.node(), 10); // the replacement chain grows past the old height, without the lock
        relayUntil(based(9));
        assertThat(wrapped(f)).as("no mint for a reverted lock").isZero();
        assertThat(executions(f)).isZero();

        lock(f, based(4));
        DevnetClock.mine(f.basedai.node(), 2);
        relayUntil(based(4));
        assertThat(wrapped(f)).as("a confirmed lock on the new chain is minted").isEqualTo(based(4));
    }

    @Test
    void brainEventsOnEthereumReachTheRegistryWithoutAnyoneAskingAndTheAdminFeedIsRetired() throws Exception {
        start(0);
        Credentials bob = DevAccounts.account(3);
        f.ethereum.pepe(f.ethereum.signer(ALICE)).faucet(ALICE.getAddress(), based(1_000)).send();
        f.ethereum.pepe(f.ethereum.signer(ALICE)).approve(f.ethereum.address("BrainPortal"), based(1_000)).send();
        f.ethereum.portal(f.ethereum.signer(ALICE)).acquireByBurn().send();
        var registry = f.basedai.registry(f.basedai.reader());
        BigInteger brain = BigInteger.valueOf(7);
        relayUntilOwner(brain, ALICE.getAddress());
        assertThat(registry.ownerOf(brain).send()).isEqualToIgnoringCase(ALICE.getAddress());

        f.ethereum.brains(f.ethereum.signer(ALICE)).transferFrom(ALICE.getAddress(), bob.getAddress(), brain).send();
        relayUntilOwner(brain, bob.getAddress());
        assertThat(registry.ownerOf(brain).send()).as("a transfer moves ownership on BasedAI").isEqualToIgnoringCase(bob.getAddress());

        BridgeFixture.reverts("AccessControlUnauthorizedAccount", () -> f.basedai.registry(f.basedai.signer(BridgeFixture.ADMIN))
                .syncBrain(brain, BridgeFixture.ADMIN.getAddress(), BigInteger.ONE, BigInteger.ZERO, true).send());
    }

    private void relayUntilOwner(BigInteger brain, String owner) throws Exception {
        var registry = f.basedai.registry(f.basedai.reader());
        for (int pass = 0; pass < 2 * RelayerService.TAKEOVER_PASSES + 4; pass++) {
            if (registry.ownerOf(brain).send().equalsIgnoreCase(owner)) return;
            for (SteppedRelayer r : relayers) if (r != null) r.step();
        }
    }

    static String rpc(String url, String method, Object... params) throws Exception {
        var response = new Request<>(method, List.of(params), new HttpService(url), DevnetClock.GenericResponse.class).send();
        if (response.hasError()) throw new IllegalStateException(method + ": " + response.getError().getMessage());
        return String.valueOf(response.getResult());
    }
}
