package ai.based.portal.network;

import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.deployment.BasedChainFixture;
import ai.based.epochs.EpochComputation;
import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.consensus.Fixed;
import ai.based.service.HttpEndpoint;
import ai.based.service.PeriodicService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * A Brain's page shows each miner's incentive and each validator's dividends per closed epoch, as the oracles compute
 * them from the chain: one validator (staked on itself) reveals twice the weight for miner 0 as for miner 1. With one
 * validator Yuma's consensus is its own weights, so the incentive is the weights normalised (2/3, 1/3), which the test
 * works out from the revealed numbers; the page must also agree bit for bit with the oracle's EpochComputation.
 */
@Tag("devnet")
class BrainConsensusRouteTest {
    private static final Credentials OWNER = DevAccounts.account(2);
    private static final Credentials FIRST_MINER = DevAccounts.account(5);
    private static final Credentials SECOND_MINER = DevAccounts.account(6);
    private static final Credentials VALIDATOR = DevAccounts.account(7);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BasedChainFixture chain;
    private static NetworkRoutes routes;
    private static HttpEndpoint endpoint;

    @BeforeAll
    static void network() throws Exception {
        chain = BasedChainFixture.yearOne();
        var session = chain.session;
        chain.sync(20, OWNER, 1, 0);
        chain.sync(22, OWNER, 1, 0);
        for (Credentials miner : new Credentials[] {FIRST_MINER, SECOND_MINER}) {
            chain.fund(miner, based(100));
            session.registry(session.signer(miner)).memorize(BigInteger.valueOf(20), NodeRole.MINER.onChain(), new byte[32]).send();
        }
        chain.fund(VALIDATOR, based(600));
        session.registry(session.signer(VALIDATOR)).memorize(BigInteger.valueOf(20), NodeRole.VALIDATOR.onChain(), new byte[32]).send();
        session.stakes(session.signer(VALIDATOR)).stake(BigInteger.valueOf(20), VALIDATOR.getAddress(), based(500)).send();
        routes = new NetworkRoutes(() -> chain.manifest);
        endpoint = HttpEndpoint.start("127.0.0.1", 0, () -> new PeriodicService.Health("portal", PeriodicService.State.RUNNING, 0, 0, null),
                JsonObject::new, routes);
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) endpoint.close();
        if (routes != null) routes.close();
        if (chain != null) chain.close();
    }

    @Test
    void incentiveAndDividendsPerClosedEpochAreTheOraclesConsensus() throws Exception {
        var weights = new ValidatorWeightsClient(chain.session);
        long committed = weights.nextBlockEpoch();
        int[] uids = {0, 1};
        int[] values = {40_000, 20_000};
        byte[] salt = new byte[32];
        salt[31] = 7;
        weights.commit(VALIDATOR, 20, committed, ValidatorWeightsClient.commitHash(20, committed, uids, values, salt, VALIDATOR.getAddress()));
        chain.closeEpoch(committed);
        weights.reveal(VALIDATOR, 20, committed, uids, values, salt);
        long counted = committed + 1;
        chain.closeEpoch(counted);

        JsonObject brain = settled("/v1/network/brains/20");
        JsonObject epoch = consensusOf(brain, counted);
        assertThat(epoch.getBoolean("validated")).isTrue();
        JsonArray incentive = epoch.getJsonArray("incentive");
        assertThat(incentive).hasSize(2);
        double first = incentive.getJsonObject(0).getDouble("share");
        double second = incentive.getJsonObject(1).getDouble("share");
        double total = values[0] + values[1];
        assertThat(first).as("miner 0: its weight over the sum").isCloseTo(values[0] / total, offset(1e-6));
        assertThat(second).as("miner 1: its weight over the sum").isCloseTo(values[1] / total, offset(1e-6));
        JsonArray dividends = epoch.getJsonArray("dividends");
        assertThat(dividends).hasSize(1);
        assertThat(dividends.getJsonObject(0).getDouble("share")).as("the only validator").isEqualTo(1.0);
        ConsensusResult oracle = EpochComputation.compute(chain.session, counted).consensus().get(20L);
        assertThat(first).isEqualTo(Fixed.toDouble(oracle.incentive()[0]));
        assertThat(second).isEqualTo(Fixed.toDouble(oracle.incentive()[1]));

        // the commit epoch had no reveals: the epoch is listed, unvalidated, and no miner earned incentive in it
        JsonObject beforeTheReveal = consensusOf(brain, committed);
        assertThat(beforeTheReveal.getBoolean("validated")).isFalse();
        assertThat(beforeTheReveal.getJsonArray("incentive")).hasSize(2)
                .allSatisfy(row -> assertThat(((JsonObject) row).getDouble("share")).isZero());
        ConsensusResult silent = EpochComputation.compute(chain.session, committed).consensus().get(20L);
        assertThat(beforeTheReveal.getJsonArray("dividends").getJsonObject(0).getDouble("share")).isEqualTo(Fixed.toDouble(silent.dividends()[0]));
        JsonObject unvalidated = consensusOf(settled("/v1/network/brains/22"), counted);
        assertThat(unvalidated.getBoolean("validated")).as("nobody validated Brain 22").isFalse();
        assertThat(unvalidated.getJsonArray("incentive")).isEmpty();
        // a Brain nobody holds: an empty answer, not an error
        JsonObject nobodys = settled("/v1/network/brains/1000");
        assertThat(nobodys.getString("owner")).isEqualTo("0x0000000000000000000000000000000000000000");
        assertThat(consensusOf(nobodys, counted).getBoolean("validated")).isFalse();
        // a page past the miners: the epoch is there, with no uids on it
        JsonObject pastTheMiners = consensusOf(settled("/v1/network/brains/20?offset=32"), counted);
        assertThat(pastTheMiners.getBoolean("validated")).isTrue();
        assertThat(pastTheMiners.getJsonArray("incentive")).isEmpty();
    }

    /** The Brain's answer once every shown epoch's consensus is computed (the portal computes it off the request). */
    private static JsonObject settled(String path) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonObject brain = get(path);
            assertThat(brain.containsKey("consensusProblem")).as(brain.getString("consensusProblem", "")).isFalse();
            if (brain.getJsonArray("consensusPending").isEmpty()) {
                assertThat(brain.getBoolean(HeadCache.SETTLED)).isTrue();
                return brain;
            }
            assertThat(brain.getBoolean(HeadCache.SETTLED)).isFalse();
            if (Instant.now().isAfter(deadline)) throw new AssertionError("still computing after 60 s: " + brain.getJsonArray("consensusPending"));
            Thread.sleep(100);
        }
    }

    private static JsonObject consensusOf(JsonObject brain, long epoch) {
        for (Object row : brain.getJsonArray("consensus")) {
            if (((JsonObject) row).getLong("epoch") == epoch) return (JsonObject) row;
        }
        throw new AssertionError("no consensus for epoch " + epoch + " in " + brain.getJsonArray("consensus"));
    }

    private static JsonObject get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
