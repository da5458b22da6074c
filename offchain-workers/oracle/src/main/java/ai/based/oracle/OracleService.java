package ai.based.oracle;

import ai.based.client.BasedSession;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
import ai.based.epochs.EpochResultDigest;
import ai.based.service.FailurePolicy;
import ai.based.service.HttpRoutes;
import ai.based.service.PeriodicService;
import ai.based.service.Worker;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * One oracle signer, a process of its own with its own key. Each pass it takes the next unposted epoch once it has
 * closed, computes it ({@link EpochSource}, normally {@link EpochComputation}), signs the EIP-712 digest when its key
 * is a current EpochOracle signer, serves that answer at GET /v1/epochs/{epoch}, and fetches the other signers'
 * answers. A peer's signature counts only when its digest is this signer's own and it recovers to a current signer;
 * a peer whose digest differs is named with where its result differs (log and /metrics) and not counted. With a
 * quorum, the lowest signer address among those holding it submits at once; any other holder submits only when the
 * epoch is still unposted {@link Settings#failover} after it first saw the quorum, and a submission that loses the
 * race to another signer's counts as done. Every signer writes the rewards file of a posted epoch whose root it
 * computed itself.
 */
public final class OracleService implements Worker {
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int MAX_CONSECUTIVE_FAILURES = 200;
    private static final String ROUTE = "/v1/epochs/";
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,18}");
    private static final int KEPT_EPOCHS = 8;
    private static final int KEPT_DISAGREEMENTS = 16;

    /**
     * @param failover how long a quorum holder other than the lowest waits before it submits in its place
     * @param requestBurst requests the endpoint answers at once before it answers 429
     * @param requestsPerSecond the rate at which that allowance refills
     */
    public record Settings(Duration failover, int requestBurst, int requestsPerSecond) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(15), 100, 50);
    }

    /** A peer that signed a different result, and where it differs. */
    public record Disagreement(long epoch, String peer, String signer, String where) {
        JsonObject json() {
            return new JsonObject().put("epoch", epoch).put("peer", peer).put("signer", signer).put("where", where);
        }
    }

    private final Credentials key;
    private final String address;
    private final BasedSession session;
    private final EpochSource source;
    private final OraclePeers peers;
    private final Path rewardsDir;
    private final Settings settings;
    private final Consumer<String> log;
    private final RequestBudget budget;
    private final EpochPoster poster;
    private final ConcurrentSkipListMap<Long, EpochAnswer> answers = new ConcurrentSkipListMap<>();
    private final Map<Long, ComputedEpoch> computed = new TreeMap<>();
    private final Map<Long, Long> quorumSince = new TreeMap<>();
    private final Set<Long> rewardsSettled = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    private final ArrayDeque<Disagreement> disagreements = new ArrayDeque<>();
    private volatile long latestClosed = -1;
    private volatile long working = -1;
    private volatile int counted;
    private volatile int threshold;
    private volatile boolean member;
    private volatile long submitted;
    private volatile long failovers;
    private volatile long ignoredSignatures;
    private volatile long lastPosted = -1;

    public OracleService(Credentials key, BasedSession session, EpochSource source, List<URI> peers, Path rewardsDir,
            Settings settings, Consumer<String> log) {
        this.key = key;
        this.address = key.getAddress().toLowerCase();
        this.session = session;
        this.source = source;
        this.peers = new OraclePeers(peers);
        this.rewardsDir = rewardsDir;
        this.settings = settings;
        this.log = log;
        this.budget = new RequestBudget(settings.requestBurst(), settings.requestsPerSecond());
        this.poster = new EpochPoster(session, List.of(), rewardsDir, log);
    }

    /** A signer that computes epochs from the chain, as every real signer does. */
    public static OracleService onChain(Credentials key, BasedSession session, List<URI> peers, Path rewardsDir, Settings settings,
            Consumer<String> log) {
        return new OracleService(key, session, epoch -> EpochComputation.compute(session, epoch), peers, rewardsDir, settings, log);
    }

    public String address() {
        return address;
    }

    /** Whether the key was a current EpochOracle signer at the last pass. */
    public boolean member() {
        return member;
    }

    public synchronized List<Disagreement> disagreements() {
        return List.copyOf(disagreements);
    }

    @Override
    public void pass() throws Exception {
        var emission = session.emission(session.reader());
        long next = emission.nextEpoch().send().longValueExact();
        long current = emission.currentEpoch().send().longValueExact();
        latestClosed = current - 1;
        if (next > 0) settleRewards(next - 1);
        lastPosted = next - 1;
        if (current <= next) return; // the next epoch to post has not closed yet
        var oracle = session.oracle(session.reader());
        List<String> signers = ((List<?>) oracle.signers().send()).stream().map(s -> s.toString().toLowerCase()).toList();
        threshold = oracle.threshold().send().intValueExact();
        member = signers.contains(address);
        working = next;
        ComputedEpoch mine = computed(next);
        EpochAnswer answer = answers.get(next);
        if (answer == null || (answer.signature().length > 0) != member) { // signed once, again only if governance changed the set
            answer = new EpochAnswer(address, next, mine.digest(), member ? EpochResultDigest.sign(key, mine.digest()) : new byte[0],
                    EpochSummary.of(mine));
            answers.put(next, answer);
            forget(answers);
        }
        if (!member) return; // it serves its answer, but its signature would count for nothing
        TreeMap<BigInteger, byte[]> valid = new TreeMap<>();
        valid.put(Numeric.toBigInt(address), answer.signature());
        for (OraclePeers.Fetched fetched : peers.fetch(next)) {
            EpochAnswer theirs = fetched.answer();
            if (!theirs.sameDigest(mine.digest())) {
                disagree(next, fetched.peer(), theirs, answer);
                continue;
            }
            Optional<String> signer = SignatureCheck.recover(mine.digest(), theirs.signature());
            if (signer.isEmpty() || !signers.contains(signer.get())) {
                ignoredSignatures++;
                continue;
            }
            valid.putIfAbsent(Numeric.toBigInt(signer.get()), theirs.signature());
        }
        counted = valid.size();
        if (valid.size() < threshold) {
            quorumSince.remove(next);
            return;
        }
        long since = quorumSince.computeIfAbsent(next, e -> System.nanoTime());
        boolean lowest = valid.firstKey().equals(Numeric.toBigInt(address));
        if (!lowest && System.nanoTime() - since < settings.failover().toNanos()) return;
        submit(next, mine, List.copyOf(valid.values()), lowest);
    }

    private ComputedEpoch computed(long epoch) throws Exception {
        ComputedEpoch known = computed.get(epoch);
        if (known != null) return known;
        ComputedEpoch fresh = source.compute(epoch);
        computed.put(epoch, fresh);
        forget(computed);
        return fresh;
    }

    private void submit(long epoch, ComputedEpoch mine, List<byte[]> signatures, boolean lowest) throws Exception {
        try {
            poster.submit(new EpochPoster.Posting(mine, signatures), key);
            submitted++;
            if (!lowest) failovers++;
            log.accept("epoch " + epoch + ": posted with " + signatures.size() + " signatures" + (lowest ? "" : " (failover: the lowest "
                    + "signer holding the quorum had not posted it)"));
        } catch (Exception e) {
            // another signer posted it first: the same result is on chain, which is all that was wanted
            if (session.emission(session.reader()).nextEpoch().send().longValueExact() > epoch) {
                log.accept("epoch " + epoch + ": already posted by another signer");
                return;
            }
            throw e;
        }
        settleRewards(epoch);
    }

    /** Writes the rewards file of a posted epoch once, if this signer's root is the one on chain. */
    private void settleRewards(long epoch) throws Exception {
        if (rewardsSettled.contains(epoch)) return;
        if (Files.exists(EpochRewardsFile.path(rewardsDir, epoch))) {
            rewardsSettled.add(epoch);
            return;
        }
        byte[] posted = session.emission(session.reader()).epoch(BigInteger.valueOf(epoch)).send().rewardsRoot;
        ComputedEpoch mine;
        try {
            mine = computed(epoch);
        } catch (Exception e) {
            // an epoch posted before this signer started that it cannot recompute must not keep it from signing the next
            log.accept("epoch " + epoch + ": posted, but this signer cannot recompute it (" + e.getMessage() + "); no rewards file written");
            rewardsSettled.add(epoch);
            return;
        }
        if (Arrays.equals(posted, mine.rewardsRoot())) {
            EpochRewardsFile.of(epoch, mine.rewardsRoot(), mine.result().rewards()).write(rewardsDir);
            log.accept("epoch " + epoch + ": posted; rewards written to " + EpochRewardsFile.path(rewardsDir, epoch));
        } else {
            log.accept("epoch " + epoch + ": the posted rewards root " + Numeric.toHexString(posted) + " is not the one this signer "
                    + "computed (" + Numeric.toHexString(mine.rewardsRoot()) + "); no rewards file written");
        }
        rewardsSettled.add(epoch);
    }

    private synchronized void disagree(long epoch, URI peer, EpochAnswer theirs, EpochAnswer mine) {
        String where = EpochSummary.firstDifference(mine.summary(), theirs.summary())
                .orElse("digest " + Numeric.toHexString(theirs.digest()) + " there, " + Numeric.toHexString(mine.digest())
                        + " here, over summaries that agree (a different chain, oracle or rewards root)");
        String key = epoch + " " + peer + " " + Numeric.toHexString(theirs.digest());
        if (!reported.add(key)) return;
        if (reported.size() > 1_024) reported.clear();
        Disagreement disagreement = new Disagreement(epoch, peer.toString(), theirs.signer(), where);
        disagreements.addLast(disagreement);
        while (disagreements.size() > KEPT_DISAGREEMENTS) disagreements.removeFirst();
        log.accept("epoch " + epoch + ": peer " + peer + " (" + theirs.signer() + ") computed a different result, its signature is "
                + "not counted: " + where);
    }

    private static <V> void forget(Map<Long, V> byEpoch) {
        while (byEpoch.size() > KEPT_EPOCHS) byEpoch.remove(byEpoch.keySet().iterator().next());
    }

    /** GET /v1/epochs/{epoch}: this signer's answer for a closed epoch it computed. */
    public HttpRoutes routes() {
        return (request, body) -> {
            if (!request.path().startsWith(ROUTE)) return false;
            if (!budget.take()) return answer(request, 429, "too many requests: retry in a second");
            if (request.method() != HttpMethod.GET) return answer(request, 405, "only GET " + ROUTE + "{epoch}");
            String text = request.path().substring(ROUTE.length());
            if (!EPOCH.matcher(text).matches()) {
                return answer(request, 400, "the epoch must be a whole number from 0, at most 18 digits; got '" + abbreviate(text) + "'");
            }
            long epoch = Long.parseLong(text);
            if (epoch > latestClosed) {
                return answer(request, 404, "epoch " + epoch + " has not closed (the latest closed epoch is " + latestClosed + ")");
            }
            EpochAnswer answer = answers.get(epoch);
            if (answer == null) {
                return answer(request, 404, "this signer holds no answer for epoch " + epoch + ": it answers for the epochs it computed "
                        + "(the next unposted one; the last posted is " + lastPosted + ")");
            }
            request.response().putHeader("content-type", "application/json").end(answer.json().encode());
            return true;
        };
    }

    private static boolean answer(HttpServerRequest request, int status, String message) {
        request.response().setStatusCode(status).putHeader("content-type", "text/plain").end(message);
        return true;
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public synchronized JsonObject metrics() {
        JsonArray differing = new JsonArray();
        disagreements.forEach(d -> differing.add(d.json()));
        return new JsonObject().put("signer", address).put("member", member).put("epoch", working).put("lastPosted", lastPosted)
                .put("signaturesCounted", counted).put("threshold", threshold).put("submitted", submitted).put("failovers", failovers)
                .put("ignoredSignatures", ignoredSignatures).put("disagreements", differing)
                .put("peers", peers.peers().size());
    }

    /** This signer on the service core, serving its routes on host:port (0: a free port). */
    public PeriodicService service(String name, Duration interval, String host, int port) {
        FailurePolicy policy = new FailurePolicy(interval, MAX_BACKOFF.compareTo(interval) < 0 ? interval : MAX_BACKOFF,
                MAX_CONSECUTIVE_FAILURES);
        return new PeriodicService(name, this, policy, log).serveHttp(host, port, routes());
    }

    @Override
    public void close() {
        peers.close();
    }
}
