package ai.based.portal.network;

import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.MinerDirectory;
import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.deployment.BasedChainFixture;
import ai.based.governance.GovernanceClient;
import ai.based.governance.ProposalAction;
import ai.based.service.HttpEndpoint;
import ai.based.service.PeriodicService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The dashboard's endpoints over HTTP against a real BasedAI devnet: alice owns Brain 20 (configured, a miner serving,
 * a validator), bob Brain 22; both staked; alice proposed one change. Hostile requests get 4xx and the portal keeps
 * answering.
 */
@Tag("devnet")
class NetworkRoutesTest {
    private static final String NO_VALIDATOR = "0x0000000000000000000000000000000000000000";
    private static final Credentials ALICE = DevAccounts.account(2);
    private static final Credentials BOB = DevAccounts.account(3);
    private static final Credentials MINER = DevAccounts.account(5);
    private static final Credentials VALIDATOR = DevAccounts.account(6);
    private static final Credentials DEAD_MINER = DevAccounts.account(7);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BasedChainFixture chain;
    private static NetworkRoutes routes;
    private static HttpEndpoint endpoint;
    private static BigInteger proposalId;
    private static HttpsHealth minerHealth;

    @BeforeAll
    static void network() throws Exception {
        chain = BasedChainFixture.yearOne();
        var session = chain.session;
        chain.sync(20, ALICE, 1, 0);
        chain.sync(22, BOB, 1, 0);
        session.registry(session.signer(ALICE)).configure(BigInteger.valueOf(20), "Tiny GPT", "sha256:ab12", "https://example.org/tiny",
                ALICE.getAddress(), BigInteger.valueOf(6_000), BigInteger.ZERO).send();
        chain.fund(ALICE, based(1_000));
        chain.fund(BOB, based(3_000));
        chain.fund(MINER, based(200));
        chain.fund(VALIDATOR, based(200));
        session.registry(session.signer(MINER)).memorize(BigInteger.valueOf(20), NodeRole.MINER.onChain(), new byte[32]).send();
        session.registry(session.signer(VALIDATOR)).memorize(BigInteger.valueOf(20), NodeRole.VALIDATOR.onChain(), new byte[32]).send();
        minerHealth = HttpsHealth.start(chain.dir.resolve("miner-tls.p12"));
        new MinerDirectory(session, MINER).serve(20, minerHealth.url(), minerHealth.certificateSha256());
        chain.fund(DEAD_MINER, based(200));
        session.registry(session.signer(DEAD_MINER)).memorize(BigInteger.valueOf(20), NodeRole.MINER.onChain(), new byte[32]).send();
        new MinerDirectory(session, DEAD_MINER).serve(20, "https://127.0.0.1:1", minerHealth.certificateSha256());
        session.stakes(session.signer(ALICE)).stake(BigInteger.valueOf(20), NO_VALIDATOR, based(1_000)).send();
        session.stakes(session.signer(BOB)).stake(BigInteger.valueOf(22), NO_VALIDATOR, based(3_000)).send();
        proposalId = new GovernanceClient(session).propose(ALICE, List.of(ProposalAction.parse("max-validator-take=1700")),
                "portal: lower the validator take");
        routes = new NetworkRoutes(() -> chain.manifest);
        endpoint = HttpEndpoint.start("127.0.0.1", 0, () -> new PeriodicService.Health("portal", PeriodicService.State.RUNNING, 0, 0, null), JsonObject::new, routes);
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) endpoint.close();
        if (minerHealth != null) minerHealth.close();
        if (routes != null) routes.close();
        if (chain != null) chain.close();
    }

    @Test
    void emissionCurveFollowsTableTwoAndSaysWhereTheChainIs() throws Exception {
        JsonObject curve = getJson("/v1/network/emission?years=5", 200);
        JsonArray points = curve.getJsonArray("points");
        assertThat(points).hasSize(5);
        assertThat(points.getJsonObject(0).getString("emission")).isEqualTo(based(31_536_000).toString());
        assertThat(points.getJsonObject(1).getString("emission")).isEqualTo(based(15_768_000).toString());
        assertThat(points.getJsonObject(4).getString("cumulative"))
                .isEqualTo(based(31_536_000).multiply(BigInteger.valueOf(31)).divide(BigInteger.valueOf(16)).toString());
        JsonObject now = curve.getJsonObject("now");
        assertThat(now.getInteger("year")).isEqualTo(1);
        assertThat(now.getString("blockReward")).isEqualTo(based(10).toString());
        long blocks = curve.getLong("head") - curve.getLong("genesisBlock");
        assertThat(now.getString("emittedSoFar")).isEqualTo(based(10).multiply(BigInteger.valueOf(blocks)).toString());
    }

    @Test
    void stakePerBrainWithItsApy() throws Exception {
        JsonObject stake = getJson("/v1/network/stake", 200);
        assertThat(stake.getString("totalStake")).isEqualTo(based(4_000).toString());
        JsonArray brains = stake.getJsonArray("brains");
        assertThat(brains).hasSize(2);
        JsonObject tiny = brains.getJsonObject(0);
        assertThat(tiny.getLong("brainId")).isEqualTo(20);
        assertThat(tiny.getString("name")).isEqualTo("Tiny GPT");
        assertThat(tiny.getString("stake")).isEqualTo(based(1_000).toString());
        // both Brains count the same capped stake (0.5% of 4,000 = 20 BASED), so each gets half the year's emission
        var counted = new java.math.BigDecimal(tiny.getString("countedStake"));
        assertThat(counted).isEqualByComparingTo(new java.math.BigDecimal(based(20)));
        double expected = 31_536_000.0 / 2 * 0.75 * (1 - 0.6) * (1 - 0.18) / 1_000;
        assertThat(tiny.getLong("apyBps") / 10_000.0).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.001));
        assertThat(brains.getJsonObject(1).getLong("apyBps")).isLessThan(tiny.getLong("apyBps"));
    }

    @Test
    void aBrainShowsItsConfigurationNodesAndFee() throws Exception {
        JsonObject brain = getJson("/v1/network/brains/20", 200);
        assertThat(brain.getString("owner")).isEqualToIgnoringCase(ALICE.getAddress());
        assertThat(brain.getJsonObject("config").getString("name")).isEqualTo("Tiny GPT");
        assertThat(brain.getJsonObject("config").getString("modelId")).isEqualTo("sha256:ab12");
        assertThat(brain.getJsonObject("config").getInteger("minerShareBps")).isEqualTo(6_000);
        assertThat(brain.getString("registrationFee")).isEqualTo(based(100).toString());
        assertThat(brain.getJsonArray("miners")).hasSize(2);
        assertThat(brain.getJsonArray("miners").getJsonObject(0).getString("endpoint")).isEqualTo(minerHealth.url());
        assertThat(brain.getJsonArray("miners").getJsonObject(0).getString("account")).isEqualToIgnoringCase(MINER.getAddress());
        assertThat(brain.getJsonArray("validators").getJsonObject(0).getString("account")).isEqualToIgnoringCase(VALIDATOR.getAddress());
        assertThat(brain.getJsonArray("emissions")).isEmpty();
        assertThat(brain.getBoolean("historyComplete")).isTrue();
        JsonObject reserved = getJson("/v1/network/brains/2", 200);
        assertThat(reserved.getString("reservedRole")).isEqualTo("TFT Enforcer");
    }

    @Test
    void scoresAreTheWeightsValidatorsRevealedPerEpoch() throws Exception {
        var weights = new ValidatorWeightsClient(chain.session);
        long epoch = chain.session.emission(chain.session.reader()).currentEpoch().send().longValueExact();
        int[] uids = {0, 1};
        int[] values = {40_000, 20_000};
        byte[] salt = new byte[32];
        salt[31] = 9;
        weights.commit(VALIDATOR, 20, epoch, ValidatorWeightsClient.commitHash(20, epoch, uids, values, salt, VALIDATOR.getAddress()));
        chain.closeEpoch(epoch);
        weights.reveal(VALIDATOR, 20, epoch, uids, values, salt);
        JsonArray scores = getJson("/v1/network/brains/20", 200).getJsonArray("scores");
        assertThat(scores).hasSize(1);
        assertThat(scores.getJsonObject(0).getLong("epoch")).isEqualTo(epoch);
        JsonArray perMiner = scores.getJsonObject(0).getJsonArray("weights");
        assertThat(perMiner.getJsonObject(0).getLong("uid")).isZero();
        assertThat(perMiner.getJsonObject(0).getLong("weight")).isEqualTo(40_000);
        assertThat(perMiner.getJsonObject(1).getLong("weight")).isEqualTo(20_000);
        assertThat(getJson("/v1/network/brains/22", 200).getJsonArray("scores")).as("another Brain's reveal is not mine").isEmpty();
    }

    @Test
    void proposalsCarryBothChambersTallies() throws Exception {
        JsonArray proposals = getJson("/v1/network/proposals", 200).getJsonArray("proposals");
        assertThat(proposals).hasSize(1);
        JsonObject proposal = proposals.getJsonObject(0);
        assertThat(proposal.getString("id")).isEqualTo(proposalId.toString());
        assertThat(proposal.getString("description")).isEqualTo("portal: lower the validator take");
        var governor = chain.session.governor(chain.session.reader());
        assertThat(proposal.getString("state")).isEqualTo(ai.based.governance.ProposalState.of(governor.state(proposalId).send()).name());
        assertThat(proposal.getJsonObject("gigaBrains").getString("eligible")).isEqualTo("2");
        assertThat(proposal.getJsonObject("pepeRecorded").getBoolean("recorded")).isFalse();
        assertThat(proposal.getJsonObject("pepeChamber").getLong("closesAt")).isZero();
    }

    @Test
    void aPostedEpochShowsItsRewardsAndTheBrainsShare() throws Exception {
        assertThat(getJson("/v1/network/epochs?last=4", 200).getJsonArray("epochs")).isEmpty();
        assertThat(getJson("/v1/network/brains/20", 200).getJsonArray("emissions")).isEmpty();
        PostedEpoch.post(chain, 0, java.util.Map.of(20L, based(1_234), 22L, based(766)));

        JsonObject epochs = getJson("/v1/network/epochs?last=4", 200);
        assertThat(epochs.getLong("posted")).isEqualTo(1);
        JsonObject first = epochs.getJsonArray("epochs").getJsonObject(0);
        assertThat(first.getLong("epoch")).isZero();
        assertThat(first.getString("total")).isEqualTo(based(2_000).toString());
        assertThat(first.getString("emission")).isEqualTo(based(3_600).toString());
        JsonArray emissions = getJson("/v1/network/brains/20", 200).getJsonArray("emissions");
        assertThat(emissions).hasSize(1);
        assertThat(emissions.getJsonObject(0).getString("total")).isEqualTo(based(1_234).toString());
        assertThat(getJson("/v1/network/brains/22", 200).getJsonArray("emissions").getJsonObject(0).getString("total"))
                .isEqualTo(based(766).toString());
    }

    @Test
    void aBridgeMessageIsFollowedUntilExecuted() throws Exception {
        JsonObject message = getJson("/v1/network/bridge/messages/0x" + "ab".repeat(32), 200);
        assertThat(message.getString("status")).isEqualTo("pending");
        // a message sent on BasedAI and delivered on Ethereum: the status follows without a new BasedAI block
        var session = chain.session;
        chain.fund(BOB, based(10));
        var bridge = ai.based.contracts.BasedBridge.load(session.address("BasedBridge"), session.node().web3j(), session.signer(BOB),
                ai.based.chain.tx.TxManager.WRAPPER_GAS);
        session.token(session.signer(BOB)).approve(bridge.getContractAddress(), based(10)).send();
        var receipt = bridge.bridgeToEthereum(BOB.getAddress(), based(10)).send();
        String hash = org.web3j.utils.Numeric.toHexString(ai.based.contracts.BasedBridge.getBridgeInitiatedEvents(receipt).getFirst().messageHash);
        assertThat(getJson("/v1/network/bridge/messages/" + hash, 200).getString("status")).isEqualTo("pending");
        new ai.based.bridge.MessageRelay(ai.based.bridge.MessengerEnd.basedai(session), ai.based.bridge.MessengerEnd.ethereum(chain.ethereumSession),
                List.of(DevAccounts.account(10), DevAccounts.account(11)), DevAccounts.account(13), 0).relayPending(line -> {});
        JsonObject delivered = getJson("/v1/network/bridge/messages/" + hash, 200);
        assertThat(delivered.getString("status")).isEqualTo("executed");
        assertThat(delivered.getLong("deliveredOnChain")).isEqualTo(chain.manifest.ethereum().chainId());
    }

    @Test
    void thePortalProbesServingMinersAndKeepsTheirLatency() throws Exception {
        routes.latency().probeOnce();
        routes.latency().probeOnce();
        JsonArray miners = getJson("/v1/network/latency", 200).getJsonArray("miners");
        assertThat(miners).hasSize(2);
        JsonObject live = miners.getJsonObject(0);
        assertThat(live.getString("endpoint")).isEqualTo(minerHealth.url());
        assertThat(live.getJsonArray("samples")).hasSize(2);
        assertThat(live.getJsonArray("samples").getJsonObject(0).getDouble("ms")).isPositive();
        JsonObject dead = miners.getJsonObject(1);
        assertThat(dead.getJsonArray("samples").getJsonObject(1).getValue("ms")).as("no answer, no latency").isNull();
        assertThat(minerHealth.checks()).isEqualTo(2);
    }

    @Test
    void hostileRequestsGetAClearRefusalAndThePortalKeepsServing() throws Exception {
        assertThat(getJson("/v1/network/brains/1024", 400).getString("error")).contains("Brain id must be from 0 to 1023");
        assertThat(getJson("/v1/network/brains/-1", 400).getString("error")).contains("whole number");
        assertThat(getJson("/v1/network/brains/" + "9".repeat(80), 400).getString("error")).contains("whole number");
        assertThat(getJson("/v1/network/brains/20?offset=1792", 400).getString("error")).contains("offset");
        assertThat(getJson("/v1/network/emission?years=65", 400).getString("error")).contains("years");
        assertThat(getJson("/v1/network/epochs?last=0", 400).getString("error")).contains("last");
        assertThat(getJson("/v1/network/bridge/messages/0x12", 400).getString("error")).contains("64 hex digits");
        assertThat(get("/v1/network/nothing-here").statusCode()).isEqualTo(404);
        var post = HTTP.send(HttpRequest.newBuilder(uri("/v1/network/stake")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(getJson("/v1/network/brains/22", 200).getString("owner")).isEqualToIgnoringCase(BOB.getAddress());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject getJson(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
        return new JsonObject(response.body());
    }
}
