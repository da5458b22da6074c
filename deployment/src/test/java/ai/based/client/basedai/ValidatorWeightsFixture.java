package ai.based.client.basedai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.based.chain.anvil.DevAccounts;
import ai.based.contracts.ValidatorWeights;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Convert;

/**
 * ValidatorWeights on a real anvil with the real registry and emission controller, for the tests of its reveals
 * ({@link ValidatorWeightsTest}) and of its commits, roles and size ({@link ValidatorWeightsCommitTest}): one devnet per
 * test class, Brains and wallets made per test, and the checks that a refusal changed nothing.
 */
@Tag("devnet")
abstract class ValidatorWeightsFixture {
    static final Credentials OWNER = DevAccounts.account(2);
    static final Credentials OUTSIDER = DevAccounts.account(8);
    static final SecureRandom RANDOM = new SecureRandom();
    static BasedChainFixture chain;
    static ValidatorWeightsClient weights;

    @BeforeAll
    static void deploy() throws Exception {
        chain = BasedChainFixture.yearOne();
        weights = new ValidatorWeightsClient(chain.session);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    // ---- fixture ------------------------------------------------------------------------------------------

    /** A Brain owned by OWNER whose registration is free, with {@code miners} miners (uids 0 .. miners - 1). */
    static BigInteger brain(long id, int miners) throws Exception {
        chain.sync(id, OWNER, 1, 0);
        chain.session.registry(chain.session.signer(OWNER)).setRegistrationFee(BigInteger.valueOf(id), BigInteger.ZERO).send();
        for (int i = 0; i < miners; i++) memorized(id, NodeRole.MINER);
        return BigInteger.valueOf(id);
    }

    static Credentials wallet() throws Exception {
        Credentials who = Credentials.create(Keys.createEcKeyPair());
        chain.session.signer(BasedChainFixture.FAUCET).transfer(who.getAddress(), Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact());
        return who;
    }

    static Credentials memorized(long brainId, NodeRole role) throws Exception {
        Credentials who = wallet();
        chain.session.registry(chain.session.signer(who)).memorize(BigInteger.valueOf(brainId), role.onChain(), new byte[32]).send();
        return who;
    }

    /** Mines to the first block of the next epoch and returns it: the test has the whole epoch ahead. */
    static long freshEpoch() throws Exception {
        long now = weights.currentEpoch();
        chain.closeEpoch(now);
        return now + 1;
    }

    static byte[] salt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return salt;
    }

    static ValidatorWeights as(Credentials who) {
        return chain.session.weights(chain.session.signer(who));
    }

    static List<BigInteger> list(int... values) {
        return U16Entries.onChain(values);
    }

    /** A reveal straight to the contract, past the client's own checks. */
    static TransactionReceipt revealRaw(Credentials who, long brainId, long epoch, int[] uids, int[] values, byte[] salt)
            throws Exception {
        return as(who).reveal(BigInteger.valueOf(brainId), BigInteger.valueOf(epoch), list(uids), list(values), salt).send();
    }

    static void commitRaw(Credentials who, long brainId, long epoch, byte[] hash) throws Exception {
        as(who).commit(BigInteger.valueOf(brainId), BigInteger.valueOf(epoch), hash).send();
    }

    static byte[] committed(Credentials who, long brainId, long epoch, int[] uids, int[] values, byte[] salt) {
        byte[] hash = ValidatorWeightsClient.commitHash(brainId, epoch, uids, values, salt, who.getAddress());
        weights.commit(who, brainId, epoch, hash);
        return hash;
    }

    static void assertNotRevealed(long brainId, long epoch, Credentials... validators) {
        for (Credentials v : validators) {
            assertThat(weights.commitOf(brainId, epoch, v.getAddress()).revealed()).as("refused reveals flag nothing").isFalse();
        }
        assertThat(weights.revealed(brainId, epoch)).as("refused reveals emit nothing").isEmpty();
    }

    static WeightsException refused(Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(WeightsException.class);
        return (WeightsException) thrown;
    }

    static long nonce(Credentials who) throws Exception {
        return chain.basedai.web3j().ethGetTransactionCount(who.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount().longValueExact();
    }
}
