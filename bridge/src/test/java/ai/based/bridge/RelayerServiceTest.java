package ai.based.bridge;

import static ai.based.bridge.BridgeFixture.based;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedBridge;
import ai.based.contracts.EthereumMessenger;
import ai.based.contracts.WrappedBased;
import ai.based.deployment.BridgeContracts;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** Three relayer services exchanging attestations over HTTP, with outages and a restart from the store. */
class RelayerServiceTest {
    private final Credentials alice = DevAccounts.account(2);
    private BridgeFixture f;
    private Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final RelayerService[] relayers = new RelayerService[3];

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(based(1_000_000));
        dir = Files.createTempDirectory("relayers-");
        for (int i = 0; i < 3; i++) ports.add(freePort());
        for (int i = 0; i < 3; i++) relayers[i] = startRelayer(i);
    }

    @AfterEach
    void stop() {
        for (RelayerService r : relayers) if (r != null) r.close();
        f.close();
    }

    private RelayerService startRelayer(int i) throws Exception {
        List<URI> peers = new ArrayList<>();
        for (int j = 0; j < 3; j++) if (j != i) peers.add(URI.create("http://127.0.0.1:" + ports.get(j)));
        Files.createDirectories(dir.resolve("r" + i));
        RelayerService service = new RelayerService(BridgeFixture.RELAYERS.get(i), f.ethEnd, f.basedEnd, peers,
                new RelayerStore(dir.resolve("r" + i)), 0, line -> {});
        service.serve(ports.get(i));
        return service;
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void lock(BigInteger amount) throws Exception {
        f.basedai.token(f.basedai.signer(BridgeFixture.FAUCET)).transfer(alice.getAddress(), amount).send();
        f.basedai.token(f.basedai.signer(alice)).approve(f.basedai.address(BridgeContracts.BASED_BRIDGE), amount).send();
        BasedBridge.load(f.basedai.address(BridgeContracts.BASED_BRIDGE), f.basedai.node().web3j(), f.basedai.signer(alice),
                TxManager.WRAPPER_GAS).bridgeToEthereum(alice.getAddress(), amount).send();
    }

    private void round() throws Exception {
        for (RelayerService r : relayers) if (r != null) r.step();
        for (RelayerService r : relayers) if (r != null) r.step();
    }

    private BigInteger wrapped() throws Exception {
        return WrappedBased.load(f.ethereum.address(BridgeContracts.WRAPPED_BASED), f.ethereum.node().web3j(), f.ethereum.reader(),
                TxManager.WRAPPER_GAS).totalSupply().send();
    }

    private long executions() throws Exception {
        return f.ethereum.logs(BridgeContracts.ETHEREUM_MESSENGER, EventEncoder.encode(EthereumMessenger.RELAYEDMESSAGE_EVENT)).size();
    }

    @Test
    void threeRelayersDeliverAndOneDownStillDelivers() throws Exception {
        lock(based(10));
        round();
        assertThat(wrapped()).isEqualTo(based(10));
        relayers[2].close();
        relayers[2] = null;
        lock(based(5));
        round();
        assertThat(wrapped()).isEqualTo(based(15));
        assertThat(executions()).as("each message executed once").isEqualTo(2);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.get(0) + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("\"pending\":0");
    }

    @Test
    void twoDownDeliverNothingUntilOneReturns() throws Exception {
        relayers[1].close();
        relayers[2].close();
        relayers[1] = null;
        relayers[2] = null;
        lock(based(7));
        round();
        assertThat(wrapped()).as("one signature is no quorum").isZero();
        relayers[1] = startRelayer(1);
        round();
        assertThat(wrapped()).isEqualTo(based(7));
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void aRelayerKilledAfterRecordingItsSubmissionDeliversExactlyOnceOnRestart() throws Exception {
        lock(based(3));
        BridgeMessage message = f.basedEnd.sent(0).getFirst();
        String hash = Numeric.toHexString(message.hash());
        // relayer 0 recorded the submission and died before sending: on restart it resumes from its store
        relayers[0].close();
        try (RelayerStore store = new RelayerStore(dir.resolve("r0"))) {
            store.markSubmitting(hash);
        }
        relayers[0] = startRelayer(0);
        round();
        round();
        assertThat(executions()).isEqualTo(1);
        assertThat(wrapped()).isEqualTo(based(3));
        relayers[0].close();
        try (RelayerStore store = new RelayerStore(dir.resolve("r0"))) {
            assertThat(store.submission(hash)).isEqualTo("delivered");
        }
        relayers[0] = null;
    }
}
