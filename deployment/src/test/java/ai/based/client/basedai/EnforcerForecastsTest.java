package ai.based.client.basedai;

import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.EnforcerForecastsClient.Forecast;
import ai.based.client.basedai.WeightsException.Reason;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.EnforcerForecasts;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * EnforcerForecasts on a real anvil: the Enforcer (the administrator, owner of administrative Brain #2 on the
 * devnet) posts a Brain's forecast for the current or a coming epoch once; it reads back checked against the stored
 * root; a post after the epoch closed, a second post, malformed entries and every outsider are refused by name and
 * change nothing; only governance grants the Enforcer role. Each test posts for its own Brain number.
 */
@Tag("devnet")
class EnforcerForecastsTest {
    private static final Credentials ENFORCER = BasedChainFixture.ADMIN;
    private static final Credentials OUTSIDER = DevAccounts.account(8);
    private static BasedChainFixture chain;
    private static EnforcerForecastsClient forecasts;
    private static ValidatorWeightsClient epochs;

    @BeforeAll
    static void deploy() throws Exception {
        chain = BasedChainFixture.yearOne();
        forecasts = new EnforcerForecastsClient(chain.session);
        epochs = new ValidatorWeightsClient(chain.session);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    /** Mines to the first block of the next epoch and returns it: the test has the whole epoch ahead. */
    private static long freshEpoch() throws Exception {
        long now = epochs.currentEpoch();
        chain.closeEpoch(now);
        return now + 1;
    }

    private static EnforcerForecasts as(Credentials who) {
        return chain.session.forecasts(chain.session.signer(who));
    }

    private static TransactionReceipt postRaw(Credentials who, long epoch, long brainId, int[] uids, int[] values) throws Exception {
        return as(who).post(BigInteger.valueOf(epoch), BigInteger.valueOf(brainId), U16Entries.onChain(uids), U16Entries.onChain(values)).send();
    }

    private static byte[] root(long epoch, long brainId) throws Exception {
        return chain.session.forecasts(chain.session.reader()).forecastRoot(BigInteger.valueOf(epoch), BigInteger.valueOf(brainId)).send();
    }

    private static WeightsException refused(Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(WeightsException.class);
        return (WeightsException) thrown;
    }

    @Test
    void theEnforcerPostsOncePerEpochAndBrainAndReadersGetTheCheckedValues() throws Exception {
        long brain = 70;
        long e = freshEpoch();
        int[] uids = {0, 3, 9};
        int[] values = {65_535, 0, 1_234};
        assertThat(forecasts.forecast(e, brain)).isEmpty();

        forecasts.post(ENFORCER, e, brain, uids, values);
        forecasts.post(ENFORCER, e + 1, brain, new int[] {1}, new int[] {2});
        Forecast read = forecasts.forecast(e, brain).orElseThrow();
        assertThat(read.uids()).containsExactly(uids);
        assertThat(read.values()).containsExactly(values);
        assertThat(read.root()).isEqualTo(root(e, brain)).isEqualTo(EnforcerForecastsClient.root(uids, values));
        assertThat(forecasts.forecast(e + 1, brain).orElseThrow().values()).containsExactly(2);
        assertThat(forecasts.forecast(e, brain + 1)).as("another Brain").isEmpty();

        var twice = reverts("ForecastAlreadyPosted", () -> postRaw(ENFORCER, e, brain, new int[] {0}, new int[] {1}));
        assertThat(twice.value("root")).isEqualTo(read.root());
        WeightsException again = refused(() -> forecasts.post(ENFORCER, e, brain, uids, values));
        assertThat(again.reason()).isEqualTo(Reason.WRONG_STATE);
        assertThat(again).hasMessageContaining("the forecast for epoch " + e + " of Brain #" + brain + " was posted already");
        assertThat(forecasts.forecast(e, brain).orElseThrow().values()).as("the first post stands").containsExactly(values);
    }

    @Test
    void aForecastForAClosedEpochIsRefused() throws Exception {
        long brain = 71;
        long e = freshEpoch();
        forecasts.post(ENFORCER, e, brain, new int[] {0}, new int[] {1});
        chain.closeEpoch(e);

        var closed = reverts("ForecastEpochClosed", () -> postRaw(ENFORCER, e, brain + 1, new int[] {0}, new int[] {1}));
        assertThat(closed.value("currentEpoch")).isEqualTo(BigInteger.valueOf(e + 1));
        WeightsException late = refused(() -> forecasts.post(ENFORCER, e, brain + 1, new int[] {0}, new int[] {1}));
        assertThat(late.reason()).isEqualTo(Reason.WRONG_EPOCH);
        assertThat(late).hasMessageContaining("epoch " + e + " has closed (the chain is in epoch " + (e + 1) + ")");
        // A closed epoch refuses even its second post as closed, before it would count as a duplicate.
        reverts("ForecastEpochClosed", () -> postRaw(ENFORCER, e, brain, new int[] {0}, new int[] {2}));
        assertThat(root(e, brain + 1)).isEqualTo(new byte[32]);
        assertThat(forecasts.forecast(e, brain).orElseThrow().values()).containsExactly(1);
        forecasts.post(ENFORCER, e + 1, brain + 1, new int[] {0}, new int[] {1});
    }

    @Test
    void malformedForecastsAreRefusedAndStoreNothing() throws Exception {
        long brain = 73;
        long e = freshEpoch();
        var descending = reverts("ForecastUidsNotAscending", () -> postRaw(ENFORCER, e, brain, new int[] {5, 5}, new int[] {1, 1}));
        assertThat(descending.value("uid")).isEqualTo(BigInteger.valueOf(5));
        reverts("ForecastLengthMismatch", () -> postRaw(ENFORCER, e, brain, new int[] {0, 1}, new int[] {1}));
        int[] tooMany = new int[1_793];
        for (int i = 0; i < tooMany.length; i++) tooMany[i] = i;
        reverts("ForecastTooMany", () -> postRaw(ENFORCER, e, brain, tooMany, new int[1_793]));
        assertThat(refused(() -> forecasts.post(ENFORCER, e, brain, new int[] {3, 2}, new int[] {1, 1})))
                .hasMessageContaining("uids must be strictly ascending, but uid 2 at index 1 follows 3");
        assertThat(refused(() -> forecasts.post(ENFORCER, e, brain, new int[] {-1}, new int[] {1})))
                .hasMessageContaining("a uid must be 0 to 65535, got -1");
        assertThat(root(e, brain)).isEqualTo(new byte[32]);
        assertThat(forecasts.forecast(e, brain)).isEmpty();
    }

    @Test
    void onlyTheEnforcerPostsAndOnlyGovernanceGrantsTheRole() throws Exception {
        long brain = 74;
        long e = freshEpoch();
        String timelock = chain.session.address(BasedAiContracts.TIMELOCK);
        EnforcerForecasts reader = chain.session.forecasts(chain.session.reader());
        byte[] enforcer = reader.ENFORCER_ROLE().send();
        byte[] admin = reader.DEFAULT_ADMIN_ROLE().send();
        assertThat(reader.hasRole(enforcer, ENFORCER.getAddress()).send()).as("the owner of Brain #2 on the devnet").isTrue();
        assertThat(reader.hasRole(admin, timelock).send()).isTrue();
        assertThat(reader.hasRole(admin, ENFORCER.getAddress()).send()).as("handed over at deploy").isFalse();

        reverts("AccessControlUnauthorizedAccount", () -> postRaw(OUTSIDER, e, brain, new int[] {0}, new int[] {1}));
        WeightsException outsider = refused(() -> forecasts.post(OUTSIDER, e, brain, new int[] {0}, new int[] {1}));
        assertThat(outsider.reason()).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(outsider).hasMessageContaining(OUTSIDER.getAddress() + " lacks the role");
        for (Credentials who : List.of(OUTSIDER, ENFORCER)) {
            reverts("AccessControlUnauthorizedAccount", () -> as(who).grantRole(enforcer, OUTSIDER.getAddress()).send());
            reverts("AccessControlUnauthorizedAccount", () -> as(who).grantRole(admin, who.getAddress()).send());
        }
        reverts("AccessControlUnauthorizedAccount", () -> as(OUTSIDER).revokeRole(enforcer, ENFORCER.getAddress()).send());
        assertThat(reader.hasRole(enforcer, OUTSIDER.getAddress()).send()).isFalse();
        assertThat(reader.hasRole(enforcer, ENFORCER.getAddress()).send()).isTrue();
        assertThat(root(e, brain)).isEqualTo(new byte[32]);
    }

    @Test
    void aForecastFor1792MinersFitsWellInsideTheBlockGasLimit() throws Exception {
        long brain = 75;
        long e = freshEpoch();
        int[] uids = new int[1_792];
        int[] values = new int[1_792];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = i;
            values[i] = 1 + (i * 104_729) % 65_535;
        }
        TransactionReceipt receipt = postRaw(ENFORCER, e, brain, uids, values);
        long gas = receipt.getGasUsed().longValueExact();
        long limit = chain.basedai.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getGasLimit().longValueExact();
        System.out.printf("forecast of 1,792 miners: %,d gas of a %,d block gas limit (%.1f%%)%n", gas, limit, 100.0 * gas / limit);
        assertThat(gas).as("well inside the block gas limit").isLessThan(limit / 4);
        assertThat(forecasts.forecast(e, brain).orElseThrow().values()).containsExactly(values);
    }
}
