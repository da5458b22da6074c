package ai.based.bridge;

import ai.based.chain.tx.ContractRevertException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * One bridge relayer: follows both messengers, signs an EIP-712 attestation for every confirmed message (kept in
 * its store), serves its attestations to the other relayers over HTTP (GET /attestations/{hash}), collects theirs,
 * and submits once it holds a quorum. Attestations authenticate themselves: only signatures that recover to the
 * destination's relayer set count. The store records a submission before it is sent, so after a crash the relayer
 * never starts a second delivery of its own; the messenger's successfulMessages rejects any other duplicate.
 * GET /metrics reports pending messages and the lag, in blocks, of the oldest one.
 */
public final class RelayerService implements AutoCloseable {
    private static final Duration PEER_TIMEOUT = Duration.ofMillis(800);

    private final Credentials key;
    private final MessengerEnd ethereum;
    private final MessengerEnd basedai;
    private final List<URI> peers;
    private final RelayerStore store;
    private final long confirmations;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();
    private Vertx vertx;
    private HttpServer server;
    private volatile int pending;
    private volatile long lagBlocks;

    public RelayerService(Credentials key, MessengerEnd ethereum, MessengerEnd basedai, List<URI> peers, RelayerStore store,
            long confirmations, Consumer<String> log) {
        this.key = key;
        this.ethereum = ethereum;
        this.basedai = basedai;
        this.peers = List.copyOf(peers);
        this.store = store;
        this.confirmations = confirmations;
        this.log = log;
    }

    /** Serves attestations and metrics on 127.0.0.1:port; returns the bound port. */
    public int serve(int port) throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            if (path.startsWith("/attestations/")) {
                String signature = store.attestation(path.substring("/attestations/".length()).toLowerCase());
                if (signature == null) request.response().setStatusCode(404).end();
                else request.response().end(signature);
            } else if (path.equals("/metrics")) {
                request.response().putHeader("content-type", "application/json")
                        .end(new JsonObject().put("pending", pending).put("lagBlocks", lagBlocks)
                                .put("relayer", key.getAddress()).encode());
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        return server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    /** One pass over both directions; returns how many messages this relayer submitted. */
    public int step() throws Exception {
        return direction(basedai, ethereum) + direction(ethereum, basedai);
    }

    private int direction(MessengerEnd source, MessengerEnd destination) throws Exception {
        int submitted = 0;
        int open = 0;
        long oldest = -1;
        long head = source.session().node().blockNumber().longValueExact();
        for (BridgeMessage message : source.sent(confirmations)) {
            String hash = Numeric.toHexString(message.hash());
            boolean executed = destination.executed(message.hash());
            if (executed || destination.failed(message.hash())) {
                if ("submitting".equals(store.submission(hash))) store.markOutcome(hash, executed ? "delivered" : "failed");
                continue;
            }
            open++;
            if (oldest < 0) oldest = message.blockNumber();
            byte[] digest = destination.digest(message);
            if (store.attestation(hash) == null) {
                store.saveAttestation(hash, Numeric.toHexString(RelayDigest.sign(key, digest)));
            }
            Map<BigInteger, byte[]> valid = collect(hash, digest, destination);
            int threshold = destination.contract(destination.session().reader()).threshold().send().intValueExact();
            if (valid.size() < threshold) continue;
            if ("delivered".equals(store.submission(hash))) continue;
            store.markSubmitting(hash);
            try {
                destination.relay(destination.session().signer(key), message, valid.values().stream().limit(threshold).toList());
                store.markOutcome(hash, destination.executed(message.hash()) ? "delivered" : "failed");
                log.accept("relayed " + hash.substring(0, 12) + " to chain " + message.destinationChainId());
                submitted++;
            } catch (ContractRevertException e) {
                if (!e.revert().is("MessengerAlreadyRelayed")) throw e;
                store.markOutcome(hash, "delivered");
            }
        }
        pending = open;
        lagBlocks = oldest < 0 ? 0 : head - oldest;
        return submitted;
    }

    /** This relayer's and its peers' attestations that recover to a relayer of the destination, by address. */
    private Map<BigInteger, byte[]> collect(String hash, byte[] digest, MessengerEnd destination) throws Exception {
        Map<BigInteger, byte[]> valid = new TreeMap<>();
        var messenger = destination.contract(destination.session().reader());
        addIfRelayer(valid, Numeric.hexStringToByteArray(store.attestation(hash)), digest, messenger);
        for (URI peer : peers) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(peer.resolve("/attestations/" + hash))
                        .timeout(PEER_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    addIfRelayer(valid, Numeric.hexStringToByteArray(response.body().strip()), digest, messenger);
                }
            } catch (java.io.IOException | IllegalArgumentException unreachableOrGarbage) {
                // a peer that is down or answers nonsense simply does not count towards the quorum
            }
        }
        return valid;
    }

    private static void addIfRelayer(Map<BigInteger, byte[]> valid, byte[] signature, byte[] digest,
            ai.based.contracts.EthereumMessenger messenger) throws Exception {
        if (signature.length != 65) return;
        byte[] r = java.util.Arrays.copyOfRange(signature, 0, 32);
        byte[] s = java.util.Arrays.copyOfRange(signature, 32, 64);
        byte v = signature[64];
        BigInteger publicKey;
        try {
            publicKey = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
        } catch (java.security.SignatureException | IllegalArgumentException invalid) {
            return;
        }
        String address = "0x" + Keys.getAddress(publicKey);
        if (messenger.isRelayer(address).send()) valid.put(Numeric.toBigInt(address), signature);
    }

    @Override
    public void close() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.accept("relayer HTTP server did not stop cleanly: " + e.getMessage());
            }
        }
        store.close();
    }
}
