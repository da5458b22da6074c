package ai.based.oracle;

import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.BasedSession;
import ai.based.contracts.EpochOracle;
import ai.based.deployment.BasedChainFixture;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
import ai.based.epochs.EpochResultDigest;
import ai.based.epochs.Validation;
import ai.based.protocol.split.EpochResult;
import ai.based.service.HttpEndpoint;
import ai.based.service.PeriodicService;
import ai.based.service.Service;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Oracle signers as services on a real anvil, each with its own key, session, HTTP port and rewards directory,
 * exchanging answers over HTTP. One chain for the class: each test posts the next epoch. Brain #7 has stake, so
 * every epoch pays accounts.
 */
@Tag("devnet")
class OracleSignersTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static BasedChainFixture chain;
    /** The devnet's three signers, by ascending address (the contract's order). */
    private static List<Credentials> signers;
    private final List<Running> running = new ArrayList<>();
    private static final Credentials VALIDATOR = DevAccounts.account(9);
    private final List<AutoCloseable> extras = new ArrayList<>();

    private record Running(OracleService oracle, PeriodicService service, BasedSession session, Path rewards) {}

    @BeforeAll
    static void start() throws Exception {
        chain = BasedChainFixture.yearOne();
        Credentials owner = DevAccounts.account(2);
        Credentials staker = DevAccounts.account(3);
        chain.sync(7, owner, 1, 0);
        chain.fund(staker, based(1_000));
        chain.session.stakes(chain.session.signer(staker)).stake(BigInteger.valueOf(7), OracleTestSupport.NO_VALIDATOR, based(1_000)).send();
        Validation.minerAndValidator(chain, 7, DevAccounts.account(8), VALIDATOR, 1_000);
        signers = new ArrayList<>(BasedChainFixture.ORACLES);
        signers.sort(Comparator.comparing(c -> Numeric.toBigInt(c.getAddress())));
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @AfterEach
    void stopSigners() throws Exception {
        for (Running r : running) {
            r.service().stop().get(30, TimeUnit.SECONDS);
            r.session().close();
        }
        for (AutoCloseable extra : extras) extra.close();
    }

    @Test
    void threeSignersPostTheClosedEpochOnceAndEachWritesItsRewards() throws Exception {
        // the validator's weights, revealed in `epoch`, make it an epoch that pays; the epochs before it are posted here
        long epoch = Validation.commitAndReveal(chain, 7, Map.of(VALIDATOR, new int[] {1})) + 1;
        EpochPoster poster = new EpochPoster(chain.session, BasedChainFixture.ORACLES.subList(0, 2), chain.dir.resolve("epochs"), line -> {});
        for (long e = nextEpoch(); e < epoch; e++) poster.post(e, DevAccounts.account(4));
        List<Integer> ports = ports(3);
        for (int i = 0; i < 3; i++) start(signers.get(i), null, ports, i, OracleService.Settings.DEFAULTS);
        chain.closeEpoch(epoch);
        awaitPosted(epoch);

        EpochOracle.EpochPostedEventResponse posted = postedEvent(epoch);
        assertThat(posted.signatures.intValueExact()).isGreaterThanOrEqualTo(2);
        ComputedEpoch expected = EpochComputation.compute(chain.session, epoch);
        assertThat(posted.rewardsRoot).isEqualTo(expected.rewardsRoot());
        assertThat(expected.result().accounts()).isNotEmpty();
        // one submission succeeded; the others saw it posted (or lost the race and took that as done)
        await("the submitter to count its submission", () -> submissions() >= 1);
        assertThat(submissions()).isEqualTo(1);
        for (Running r : running) {
            await("the rewards file of " + r.oracle().address(), () -> EpochRewardsFile.read(r.rewards(), epoch).isPresent());
            assertThat(EpochRewardsFile.read(r.rewards(), epoch).orElseThrow().asRewards()).isEqualTo(expected.result().rewards());
        }
    }

    @Test
    void withTheLowestSignerDownTheOtherTwoStillPost() throws Exception {
        List<Integer> ports = ports(3);
        // signers 1 and 2 peer with signer 0's port, where nothing listens
        start(signers.get(1), null, ports, 1, OracleService.Settings.DEFAULTS);
        start(signers.get(2), null, ports, 2, OracleService.Settings.DEFAULTS);
        long epoch = nextEpoch();
        chain.closeEpoch(epoch);
        awaitPosted(epoch);
        // the lowest signer up submits (its count rises just after the transaction is mined)
        await("signer 1 to count its submission", () -> running.getFirst().oracle().metrics().getLong("submitted") == 1);
        assertThat(postedEvent(epoch).rewardsRoot).isEqualTo(EpochComputation.compute(chain.session, epoch).rewardsRoot());
    }

    @Test
    void aPeerThatNeverAnswersDelaysButStopsNothing() throws Exception {
        List<Integer> ports = ports(3);
        // signer 0's port accepts connections (the kernel's backlog) and never answers a byte
        ServerSocket hung = new ServerSocket(ports.get(0));
        extras.add(hung);
        start(signers.get(1), null, ports, 1, OracleService.Settings.DEFAULTS);
        start(signers.get(2), null, ports, 2, OracleService.Settings.DEFAULTS);
        long epoch = nextEpoch();
        chain.closeEpoch(epoch);
        awaitPosted(epoch);
        assertThat(running).allMatch(r -> r.service().state() == Service.State.RUNNING);
        assertThat(postedEvent(epoch).rewardsRoot).isEqualTo(EpochComputation.compute(chain.session, epoch).rewardsRoot());
    }

    @Test
    void whenTheLowestHolderDoesNotPostAnotherPostsAfterTheFailoverPeriod() throws Exception {
        List<Integer> ports = ports(3);
        long epoch = nextEpoch();
        // signer 0 (the lowest) answers with a valid signature but never posts: a process stuck after signing
        HttpEndpoint stuck = HttpEndpoint.start("127.0.0.1", ports.get(0), () -> new PeriodicService.Health("stuck",
                Service.State.RUNNING, 0, 0, ""), io.vertx.core.json.JsonObject::new, (request, body) -> {
                    ComputedEpoch honest = EpochComputation.compute(chain.session, epoch);
                    request.response().end(new EpochAnswer(signers.get(0).getAddress(), epoch, honest.digest(),
                            EpochResultDigest.sign(signers.get(0), honest.digest()), EpochSummary.of(honest)).json().encode());
                    return true;
                });
        extras.add(stuck);
        OracleService.Settings quickFailover = new OracleService.Settings(Duration.ofSeconds(2), 100, 50);
        start(signers.get(1), null, ports, 1, quickFailover);
        start(signers.get(2), null, ports, 2, quickFailover);
        chain.closeEpoch(epoch);
        awaitPosted(epoch);
        await("the failover submitter to count its submission", () -> submissions() >= 1);
        assertThat(submissions()).isEqualTo(1);
        assertThat(running.stream().mapToLong(r -> r.oracle().metrics().getLong("failovers")).sum()).isEqualTo(1);
        assertThat(postedEvent(epoch).signatures.intValueExact()).isEqualTo(3);
    }

    @Test
    void aSignerWithADifferentResultIsNotCountedAndSaysWhereItDiffers() throws Exception {
        List<Integer> ports = ports(3);
        Running honest = start(signers.get(0), null, ports, 0, OracleService.Settings.DEFAULTS);
        Running deviant = start(signers.get(2), epoch -> withExtraBrain(EpochComputation.compute(chain.session, epoch)), ports, 2,
                OracleService.Settings.DEFAULTS);
        long epoch = nextEpoch();
        chain.closeEpoch(epoch);

        await("the honest signer to name the difference", () -> !honest.oracle().disagreements().isEmpty());
        OracleService.Disagreement seen = honest.oracle().disagreements().getFirst();
        assertThat(seen.epoch()).isEqualTo(epoch);
        assertThat(seen.signer()).isEqualToIgnoringCase(signers.get(2).getAddress());
        assertThat(seen.where()).isEqualTo("brainTotals[99]: none here, 1 there");
        assertThat(honest.oracle().metrics().getJsonArray("disagreements")).hasSize(1);
        await("the deviant signer to name it too", () -> !deviant.oracle().disagreements().isEmpty());
        assertThat(deviant.oracle().disagreements().getFirst().where()).isEqualTo("brainTotals[99]: 1 here, none there");
        // two of three signers are up, but one signature is over another result: no quorum
        assertThat(honest.oracle().metrics().getInteger("signaturesCounted")).isEqualTo(1);
        assertThat(nextEpoch()).isEqualTo(epoch);

        start(signers.get(1), null, ports, 1, OracleService.Settings.DEFAULTS);
        awaitPosted(epoch);
        assertThat(postedEvent(epoch).rewardsRoot).isEqualTo(EpochComputation.compute(chain.session, epoch).rewardsRoot());
        assertThat(postedEvent(epoch).total).isEqualTo(EpochComputation.compute(chain.session, epoch).result().total());
    }

    @Test
    void aSignatureThatDoesNotRecoverToACurrentSignerIsIgnored() throws Exception {
        List<Integer> ports = ports(3);
        Credentials outsider = DevAccounts.account(9);
        long epoch = nextEpoch();
        // a peer that claims to be signer 1 and offers the right digest, signed by a key outside the signer set
        HttpEndpoint liar = HttpEndpoint.start("127.0.0.1", ports.get(1), () -> new PeriodicService.Health("liar",
                Service.State.RUNNING, 0, 0, ""), io.vertx.core.json.JsonObject::new, (request, body) -> {
                    ComputedEpoch honest = EpochComputation.compute(chain.session, epoch);
                    EpochAnswer answer = new EpochAnswer(signers.get(1).getAddress(), epoch, honest.digest(),
                            EpochResultDigest.sign(outsider, honest.digest()), EpochSummary.of(honest));
                    request.response().end(answer.json().encode());
                    return true;
                });
        extras.add(liar);
        Running honest = start(signers.get(0), null, ports, 0, OracleService.Settings.DEFAULTS);
        chain.closeEpoch(epoch);

        await("the honest signer to ignore the outsider's signature", () -> honest.oracle().metrics().getLong("ignoredSignatures") > 0);
        assertThat(honest.oracle().metrics().getInteger("signaturesCounted")).isEqualTo(1);
        assertThat(honest.oracle().disagreements()).isEmpty();
        assertThat(nextEpoch()).isEqualTo(epoch);

        start(signers.get(2), null, ports, 2, OracleService.Settings.DEFAULTS);
        awaitPosted(epoch);
    }

    @Test
    void aKeyOutsideTheSignerSetComputesAndServesButDoesNotSign() throws Exception {
        List<Integer> ports = ports(3);
        Running outsider = start(DevAccounts.account(9), null, ports, 0, OracleService.Settings.DEFAULTS);
        long epoch = nextEpoch();
        chain.closeEpoch(epoch);
        String url = "http://127.0.0.1:" + outsider.service().httpPort() + "/v1/epochs/" + epoch;
        await("the outsider to serve its answer", () -> get(url).statusCode() == 200);
        EpochAnswer answer = EpochAnswer.parse(get(url).body());
        assertThat(answer.digest()).isEqualTo(EpochComputation.compute(chain.session, epoch).digest());
        assertThat(answer.signature()).isEmpty();
        assertThat(outsider.oracle().member()).isFalse();
        assertThat(outsider.oracle().metrics().getBoolean("member")).isFalse();
    }

    @Test
    void hostileRequestsGetA4xxAndTheSignerKeepsServing() throws Exception {
        List<Integer> ports = ports(3);
        Running signer = start(signers.get(0), null, ports, 0, new OracleService.Settings(Duration.ofSeconds(15), 20, 1));
        long epoch = nextEpoch();
        chain.closeEpoch(epoch);
        String base = "http://127.0.0.1:" + signer.service().httpPort();
        await("the signer to serve its answer", () -> get(base + "/v1/epochs/" + epoch).statusCode() == 200);
        EpochAnswer answer = EpochAnswer.parse(get(base + "/v1/epochs/" + epoch).body());
        assertThat(answer.signer()).isEqualToIgnoringCase(signers.get(0).getAddress());
        assertThat(answer.digest()).isEqualTo(EpochComputation.compute(chain.session, epoch).digest());
        assertThat(SignatureCheck.recover(answer.digest(), answer.signature())).hasValue(signers.get(0).getAddress().toLowerCase());

        assertThat(get(base + "/v1/epochs/abc").statusCode()).isEqualTo(400);
        assertThat(get(base + "/v1/epochs/-1").statusCode()).isEqualTo(400);
        assertThat(get(base + "/v1/epochs/").statusCode()).isEqualTo(400);
        assertThat(get(base + "/v1/epochs/99999999999999999999999999").statusCode()).isEqualTo(400);
        assertThat(get(base + "/v1/epochs/" + "9".repeat(3000)).statusCode()).isBetween(400, 499);
        HttpResponse<String> future = get(base + "/v1/epochs/" + (epoch + 1_000));
        assertThat(future.statusCode()).isEqualTo(404);
        assertThat(future.body()).contains("has not closed");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/epochs/" + epoch))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);

        // a flood: the budget (20 at once, 1 a second) runs out and the rest get 429
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) statuses.add(get(base + "/v1/epochs/" + epoch).statusCode());
        assertThat(statuses).contains(429).allMatch(s -> s == 200 || s == 429);
        assertThat(get(base + "/health").statusCode()).isEqualTo(200);
        assertThat(signer.service().state()).isEqualTo(Service.State.RUNNING);
    }

    // --- helpers

    /** The same result with an extra 1-wei Brain #99 total: what a signer with a bug or a different view would sign. */
    private static ComputedEpoch withExtraBrain(ComputedEpoch honest) {
        Map<Long, BigInteger> totals = new TreeMap<>(honest.result().brainTotals());
        totals.put(99L, BigInteger.ONE);
        EpochResult result = new EpochResult(honest.result().epoch(), totals, honest.result().accounts());
        byte[] digest = EpochResultDigest.digest(chain.basedai.chainId(), chain.session.address("EpochOracle"), result.epoch(),
                List.copyOf(totals.keySet()), List.copyOf(totals.values()), honest.prunes(), honest.rewardsRoot());
        return new ComputedEpoch(result, honest.prunes(), honest.rewardsRoot(), digest, honest.consensus());
    }

    private Running start(Credentials key, EpochSource source, List<Integer> ports, int index, OracleService.Settings settings)
            throws Exception {
        BasedSession session = BasedSession.open(chain.manifest);
        List<URI> peers = new ArrayList<>();
        for (int j = 0; j < ports.size(); j++) if (j != index) peers.add(URI.create("http://127.0.0.1:" + ports.get(j)));
        Path rewards = chain.dir.resolve("signer-" + index + "-" + System.nanoTime());
        EpochSource computation = source != null ? source : epoch -> EpochComputation.compute(session, epoch);
        OracleService oracle = new OracleService(key, session, computation, peers, rewards, settings, line -> System.out.println("signer "
                + index + ": " + line));
        PeriodicService service = oracle.service("oracle-" + index, Duration.ofMillis(200), "127.0.0.1", ports.get(index));
        service.start().get(30, TimeUnit.SECONDS);
        Running r = new Running(oracle, service, session, rewards);
        running.add(r);
        return r;
    }

    private long submissions() {
        return running.stream().mapToLong(r -> r.oracle().metrics().getLong("submitted")).sum();
    }

    private static long nextEpoch() throws Exception {
        return chain.session.emission(chain.session.reader()).nextEpoch().send().longValueExact();
    }

    private static void awaitPosted(long epoch) throws Exception {
        await("epoch " + epoch + " to be posted", () -> {
            try {
                return nextEpoch() > epoch;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static EpochOracle.EpochPostedEventResponse postedEvent(long epoch) throws Exception {
        return chain.session.logs("EpochOracle", EventEncoder.encode(EpochOracle.EPOCHPOSTED_EVENT)).stream()
                .map(EpochOracle::getEpochPostedEventFromLog).filter(e -> e.epoch.longValueExact() == epoch).findFirst().orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + ": " + e, e);
        }
    }

    private static List<Integer> ports(int count) throws Exception {
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ServerSocket socket = new ServerSocket(0);
            held.add(socket);
            ports.add(socket.getLocalPort());
        }
        for (ServerSocket socket : held) socket.close();
        return ports;
    }
}
