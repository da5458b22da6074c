package ai.based.relayer;

import ai.based.bridge.RelayerSet;
import ai.based.bridge.BridgeMessage;
import ai.based.bridge.RelayDigest;

import ai.based.bridge.MessengerEnd;

import ai.based.chain.tx.ContractRevertException;
import ai.based.chain.tx.TxManager;
import ai.based.service.FailurePolicy;
import ai.based.service.HttpRoutes;
import ai.based.service.PeriodicService;
import ai.based.service.Worker;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * One bridge relayer. Each {@link #step} first settles the transactions a previous run left in flight, then, for both
 * directions: scans the source messenger from its durable cursor up to the confirmation depth, signs an EIP-712
 * attestation for every open message, collects the other relayers' attestations over HTTP, and submits the messages
 * holding a quorum in batches that no single message can sink ({@link BatchAssembler}). The relayer designated for a message (its nonce modulo the set size picks a rank)
 * submits at once; the others take over after {@link #TAKEOVER_PASSES} passes, so one relayer down only delays.
 * Each pass also mirrors Brains whose Ethereum state changed ({@link BrainWatcher}).
 * It runs as a {@link Worker} on the service core; {@link #routes} are its HTTP endpoints for the other relayers.
 */
public final class RelayerService implements Worker {
    static final int TAKEOVER_PASSES = 3;
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int MAX_CONSECUTIVE_FAILURES = 200;

    private final Credentials key;
    private final List<MessengerEnd> ends;
    private final PeerExchange peers;
    private final RelayerStore store;
    private final long confirmations;
    private final Consumer<String> log;
    private final Submitter submitter;
    private final BrainWatcher brains;
    private final BatchAssembler batches;
    private final Map<Long, TxManager> signers = new HashMap<>();
    private final Map<String, Integer> readyPasses = new ConcurrentHashMap<>();
    private final Map<String, DirectionMetrics> metrics = new ConcurrentHashMap<>();
    private volatile boolean mineWhileWaiting;
    private volatile int inFlight;
    private volatile long submittedMessages;

    private record DirectionMetrics(int pending, long lagBlocks, long cursor) {}

    /** Messages seen delivered on each destination (by chain id) and the last destination block read for them. */
    private final Map<Long, Set<String>> delivered = new HashMap<>();
    private final Map<Long, Long> deliveredUpTo = new HashMap<>();

    private RelayerService(Credentials key, MessengerEnd ethereum, MessengerEnd basedai, List<URI> peers, RelayerStore store,
            long confirmations, Failpoints failpoints, Consumer<String> log) {
        this.key = key;
        this.ends = List.of(basedai, ethereum);
        this.peers = new PeerExchange(peers);
        this.store = store;
        this.confirmations = confirmations;
        this.log = log;
        this.submitter = new Submitter(store, failpoints, log);
        this.batches = new BatchAssembler(log);
        for (MessengerEnd end : ends) signers.put(end.chainId(), end.session().signer(key));
        this.brains = new BrainWatcher(ethereum.session(), store, signers.get(ethereum.chainId()), log);
    }

    /**
     * A relayer on its durable store. Opening binds the store to this pair of messengers (their chain ids and
     * addresses): a store left by another deployment is refused here, before any pass, rather than relaying from
     * a cursor that belongs to other chains.
     */
    public static RelayerService open(Credentials key, MessengerEnd ethereum, MessengerEnd basedai, List<URI> peers,
            RelayerStore store, long confirmations, Failpoints failpoints, Consumer<String> log) throws Exception {
        store.bind(ethereum.fingerprint() + " " + basedai.fingerprint());
        return new RelayerService(key, ethereum, basedai, peers, store, confirmations, failpoints, log);
    }

    /**
     * On an automining devnet a chain makes blocks only for transactions, so a message could wait for its confirmations
     * forever; with this on, the relayer mines one empty block on a chain whose newest messages are still too shallow,
     * as a live chain would bring it. Devnets only.
     */
    public void mineWhileWaitingForConfirmations(boolean on) {
        mineWhileWaiting = on;
    }

    public String address() {
        return key.getAddress();
    }

    /**
     * The relayer's own HTTP routes, served beside /health and /metrics by its service: GET /attestations/{hash}
     * and POST /attestations (a JSON array of hashes; answers an object of the ones this relayer signed).
     */
    public HttpRoutes routes() {
        return (request, body) -> {
            String path = request.path();
            if (path.equals("/attestations") && request.method() == HttpMethod.POST) {
                JsonObject answer = new JsonObject();
                JsonArray hashes;
                try {
                    hashes = new JsonArray(body);
                } catch (RuntimeException malformed) {
                    request.response().setStatusCode(400).end("expected a JSON array of message hashes");
                    return true;
                }
                if (hashes.size() > PeerExchange.MAX_HASHES_PER_REQUEST) {
                    request.response().setStatusCode(400).end("at most " + PeerExchange.MAX_HASHES_PER_REQUEST + " hashes per request");
                    return true;
                }
                for (Object hash : hashes) {
                    String signature = hash instanceof String h ? store.attestation(h.toLowerCase()) : null;
                    if (signature != null) answer.put((String) hash, signature);
                }
                request.response().putHeader("content-type", "application/json").end(answer.encode());
                return true;
            }
            if (path.startsWith("/attestations/") && request.method() == HttpMethod.GET) {
                String signature = store.attestation(path.substring("/attestations/".length()).toLowerCase());
                if (signature == null) request.response().setStatusCode(404).end();
                else request.response().end(signature);
                return true;
            }
            return false;
        };
    }

    /** Pending messages, lag in blocks (oldest open message, per direction), transactions, quarantined messages; the service adds its health. */
    public JsonObject metricsJson() {
        JsonObject directions = new JsonObject();
        int pending = 0;
        long lag = 0;
        for (var entry : metrics.entrySet()) {
            DirectionMetrics d = entry.getValue();
            directions.put(entry.getKey(), new JsonObject().put("pending", d.pending()).put("lagBlocks", d.lagBlocks())
                    .put("cursor", d.cursor()));
            pending += d.pending();
            lag = Math.max(lag, d.lagBlocks());
        }
        return new JsonObject().put("relayer", key.getAddress()).put("pending", pending).put("lagBlocks", lag)
                .put("inFlightTransactions", inFlight).put("submittedMessages", submittedMessages)
                .put("transactions", new JsonObject(new HashMap<>(store.txCounts()))).put("directions", directions)
                .put("quarantined", batches.quarantined());
    }

    /** One pass over both directions; returns how many messages this relayer submitted. */
    public int step() throws Exception {
        inFlight = submitter.recover(signers);
        if (inFlight > 0) return 0; // wait for them: new transactions would queue behind them anyway
        for (MessengerEnd end : ends) end.verifyChain(); // once per pass: a node swapped under us stops everything
        RelayerSet basedaiSet = ends.get(0).relayerSet();
        RelayerSet ethereumSet = ends.get(1).relayerSet();
        int submitted = direction(ends.get(0), ends.get(1), ethereumSet) + direction(ends.get(1), ends.get(0), basedaiSet);
        brains.step(confirmations, ethereumSet.rank(key.getAddress()), ethereumSet.members().size());
        submittedMessages += submitted;
        return submitted;
    }

    private int direction(MessengerEnd source, MessengerEnd destination, RelayerSet set) throws Exception {
        String name = source.chainId() + "->" + destination.chainId();
        long head = source.head();
        long cursor = store.cursor(name);
        if (cursor < 0) cursor = source.session().deployment().deployedAtBlock() - 1;
        long safe = head - confirmations;
        if (safe > cursor) {
            store.advance(name, safe, source.sent(cursor + 1, safe));
            cursor = safe;
        }
        if (mineWhileWaiting && confirmations > 0 && !source.sent(Math.max(cursor + 1, 0), head).isEmpty()) {
            ai.based.chain.anvil.DevnetClock.mine(source.session().node(), 1);
        }

        Set<String> done = deliveredOn(destination);
        List<BridgeMessage> candidates = new ArrayList<>();
        long oldest = -1;
        int open = 0;
        for (BridgeMessage message : store.openMessages(name)) {
            String hash = Numeric.toHexString(message.hash());
            if (message.destinationChainId() != destination.chainId()) {
                log.accept("message " + hash + " is for chain " + message.destinationChainId() + ", not " + destination.chainId()
                        + ": never attested");
                store.closeMessage(hash);
                continue;
            }
            if (done.contains(hash)) {
                store.closeMessage(hash);
                readyPasses.remove(hash);
                batches.delivered(hash);
                continue;
            }
            open++;
            if (oldest < 0) oldest = message.blockNumber();
            if (store.attestation(hash) == null) {
                store.saveAttestation(hash, Numeric.toHexString(RelayDigest.sign(key, destination.digest(message))));
            }
            if (store.carrier(hash) == null) candidates.add(message);
        }
        metrics.put(name, new DirectionMetrics(open, oldest < 0 ? 0 : head - oldest, cursor));
        return submitReady(destination, set, candidates);
    }

    /** Everything the destination executed or failed so far, read incrementally from its logs. */
    private Set<String> deliveredOn(MessengerEnd destination) throws Exception {
        long chain = destination.chainId();
        long from = deliveredUpTo.getOrDefault(chain, destination.session().deployment().deployedAtBlock() - 1) + 1;
        long to = destination.head();
        Set<String> seen = delivered.computeIfAbsent(chain, c -> new HashSet<>());
        seen.addAll(destination.delivered(from, to));
        deliveredUpTo.put(chain, to);
        return seen;
    }

    private int submitReady(MessengerEnd destination, RelayerSet set, List<BridgeMessage> candidates) throws Exception {
        List<String> hashes = candidates.stream().map(m -> Numeric.toHexString(m.hash())).toList();
        Map<String, List<String>> theirs = peers.fetch(hashes);
        int rank = set.rank(key.getAddress());
        List<BatchAssembler.Ready> ready = new ArrayList<>();
        for (BridgeMessage message : candidates) {
            String hash = Numeric.toHexString(message.hash());
            List<String> offered = new ArrayList<>(theirs.getOrDefault(hash, List.of()));
            offered.add(store.attestation(hash));
            if (offered.size() < set.threshold()) continue;
            boolean designated = message.nonce().mod(BigInteger.valueOf(set.members().size())).intValue() == rank;
            // signatures are verified only when this relayer is about to submit: recovering them is the costly part
            if (!designated && readyPasses.merge(hash, 1, Integer::sum) <= TAKEOVER_PASSES) continue;
            List<byte[]> valid = PeerExchange.valid(destination.digest(message), offered, set);
            if (valid.size() < set.threshold()) continue;
            ready.add(new BatchAssembler.Ready(message, valid.subList(0, set.threshold())));
        }
        int submitted = 0;
        for (List<BatchAssembler.Ready> batch : batches.assemble(ready)) {
            submitted += sendOrSplit(destination, batch);
        }
        return submitted;
    }

    /**
     * Submits a batch, which the signer simulates first; should the simulation revert, the batch's messages are
     * simulated and sent one by one, and one that reverts even alone is quarantined.
     */
    private int sendOrSplit(MessengerEnd destination, List<BatchAssembler.Ready> batch) throws Exception {
        try {
            return send(destination, batch);
        } catch (ContractRevertException whole) {
            if (batch.size() == 1) {
                batches.quarantine(batch.getFirst(), whole);
                return 0;
            }
            log.accept("a batch of " + batch.size() + " messages would revert (" + whole.getMessage() + "); relaying them one by one");
            int submitted = 0;
            for (BatchAssembler.Ready alone : batch) {
                try {
                    submitted += send(destination, List.of(alone));
                } catch (ContractRevertException e) {
                    batches.quarantine(alone, e);
                }
            }
            return submitted;
        }
    }

    private int send(MessengerEnd destination, List<BatchAssembler.Ready> batch) throws Exception {
        submitter.submit(destination, signers.get(destination.chainId()), batch.stream().map(BatchAssembler.Ready::message).toList(),
                batch.stream().map(BatchAssembler.Ready::signatures).toList());
        batches.relayed(batch);
        log.accept("relayed " + batch.size() + " message(s) to chain " + destination.chainId());
        return batch.size();
    }

    /**
     * This relayer on the service core, serving its routes on 127.0.0.1:port (0: a free port). Every relayer, the
     * CLI's and the demo's alike, runs under the same failure policy: passes every {@code interval}, backing off up
     * to {@link #MAX_BACKOFF} while passes fail, giving up after {@link #MAX_CONSECUTIVE_FAILURES} in a row.
     */
    public PeriodicService service(String name, Duration interval, int port) {
        FailurePolicy policy = new FailurePolicy(interval, MAX_BACKOFF.compareTo(interval) < 0 ? interval : MAX_BACKOFF,
                MAX_CONSECUTIVE_FAILURES);
        return new PeriodicService(name, this, policy, log).serveHttp("127.0.0.1", port, routes());
    }

    @Override
    public void pass() throws Exception {
        step();
    }

    @Override
    public JsonObject metrics() {
        return metricsJson();
    }

    /** Closes the relayer's store; its service calls this after the last pass. */
    @Override
    public void close() {
        store.close();
    }
}
