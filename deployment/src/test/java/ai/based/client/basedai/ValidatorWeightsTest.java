package ai.based.client.basedai;

import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.BasedSession;
import ai.based.client.basedai.ValidatorWeightsClient.RevealedWeights;
import ai.based.client.basedai.WeightsException.Reason;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.ValidatorWeights;
import ai.based.deployment.AnvilImpersonation;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * ValidatorWeights on a real anvil with the real registry and emission controller: a validator commits in epoch e
 * and reveals in e + 1, the event carries the weights; every other reveal (other data, other salt, other validator,
 * never committed, too early, too late, twice, malformed) and every other commit (not a validator, another epoch) is
 * refused by name with an actionable message and changes nothing; only governance sets the bond variant and the
 * roles; a reveal of 1,792 weights fits well inside a block. Each test has its own Brain number and starts at the
 * beginning of a fresh epoch, so its transactions never straddle an epoch boundary by accident.
 */
@Tag("devnet")
class ValidatorWeightsTest {
    private static final Credentials OWNER = DevAccounts.account(2);
    private static final Credentials OUTSIDER = DevAccounts.account(8);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static BasedChainFixture chain;
    private static ValidatorWeightsClient weights;

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
    private static BigInteger brain(long id, int miners) throws Exception {
        chain.sync(id, OWNER, 1, 0);
        chain.session.registry(chain.session.signer(OWNER)).setRegistrationFee(BigInteger.valueOf(id), BigInteger.ZERO).send();
        for (int i = 0; i < miners; i++) memorized(id, NodeRole.MINER);
        return BigInteger.valueOf(id);
    }

    private static Credentials wallet() throws Exception {
        Credentials who = Credentials.create(Keys.createEcKeyPair());
        chain.session.signer(BasedChainFixture.FAUCET).transfer(who.getAddress(), Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact());
        return who;
    }

    private static Credentials memorized(long brainId, NodeRole role) throws Exception {
        Credentials who = wallet();
        chain.session.registry(chain.session.signer(who)).memorize(BigInteger.valueOf(brainId), role.onChain(), new byte[32]).send();
        return who;
    }

    /** Mines to the first block of the next epoch and returns it: the test has the whole epoch ahead. */
    private static long freshEpoch() throws Exception {
        long now = weights.currentEpoch();
        chain.closeEpoch(now);
        return now + 1;
    }

    private static byte[] salt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return salt;
    }

    private static ValidatorWeights as(Credentials who) {
        return chain.session.weights(chain.session.signer(who));
    }

    private static List<BigInteger> list(int... values) {
        return U16Entries.onChain(values);
    }

    /** A reveal straight to the contract, past the client's own checks. */
    private static TransactionReceipt revealRaw(Credentials who, long brainId, long epoch, int[] uids, int[] values, byte[] salt)
            throws Exception {
        return as(who).reveal(BigInteger.valueOf(brainId), BigInteger.valueOf(epoch), list(uids), list(values), salt).send();
    }

    private static void commitRaw(Credentials who, long brainId, long epoch, byte[] hash) throws Exception {
        as(who).commit(BigInteger.valueOf(brainId), BigInteger.valueOf(epoch), hash).send();
    }

    private static byte[] committed(Credentials who, long brainId, long epoch, int[] uids, int[] values, byte[] salt) {
        byte[] hash = ValidatorWeightsClient.commitHash(brainId, epoch, uids, values, salt, who.getAddress());
        weights.commit(who, brainId, epoch, hash);
        return hash;
    }

    private static void assertNotRevealed(long brainId, long epoch, Credentials... validators) {
        for (Credentials v : validators) {
            assertThat(weights.commitOf(brainId, epoch, v.getAddress()).revealed()).as("refused reveals flag nothing").isFalse();
        }
        assertThat(weights.revealed(brainId, epoch)).as("refused reveals emit nothing").isEmpty();
    }

    private static WeightsException refused(Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(WeightsException.class);
        return (WeightsException) thrown;
    }

    private static long nonce(Credentials who) throws Exception {
        return chain.basedai.web3j().ethGetTransactionCount(who.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount().longValueExact();
    }

    // ---- the honest path ----------------------------------------------------------------------------------

    @Test
    void aValidatorCommitsInOneEpochAndRevealsInTheNextAndTheEventCarriesTheWeights() throws Exception {
        long brain = 60;
        brain(brain, 3);
        Credentials first = memorized(brain, NodeRole.VALIDATOR);
        Credentials second = memorized(brain, NodeRole.VALIDATOR);
        long e = freshEpoch();
        int[] uids = {0, 2};
        int[] values = {40_000, 25_535};
        byte[] salt = salt();
        int[] otherUids = {0, 1, 2};
        int[] otherValues = {1, 65_535, 0};
        byte[] otherSalt = salt();

        byte[] hash = ValidatorWeightsClient.commitHash(brain, e, uids, values, salt, first.getAddress());
        assertThat(hash).as("the Java hash is the contract's").isEqualTo(chain.session.weights(chain.session.reader()).commitHash(
                BigInteger.valueOf(brain), BigInteger.valueOf(e), list(uids), list(values), salt, first.getAddress()).send());
        weights.commit(first, brain, e, hash);
        committed(second, brain, e, otherUids, otherValues, otherSalt);
        assertThat(weights.commitOf(brain, e, first.getAddress())).satisfies(c -> {
            assertThat(c.hash()).isEqualTo(hash);
            assertThat(c.committed()).isTrue();
            assertThat(c.revealed()).isFalse();
        });

        // In the commit epoch nobody can read anyone's weights yet, not even by revealing early.
        reverts("WeightsRevealTooEarly", () -> revealRaw(first, brain, e, uids, values, salt));
        WeightsException early = refused(() -> weights.reveal(first, brain, e, uids, values, salt));
        assertThat(early.reason()).isEqualTo(Reason.WRONG_EPOCH);
        assertThat(early).hasMessageContaining("revealed during epoch " + (e + 1) + " only")
                .hasMessageContaining("wait for epoch " + (e + 1));
        assertNotRevealed(brain, e, first, second);

        chain.closeEpoch(e);
        weights.reveal(second, brain, e, otherUids, otherValues, otherSalt);
        weights.reveal(first, brain, e, uids, values, salt);

        List<RevealedWeights> revealed = weights.revealed(brain, e);
        List<Credentials> byAddress = new ArrayList<>(List.of(first, second));
        byAddress.sort(Comparator.comparing(c -> new BigInteger(c.getAddress().substring(2), 16)));
        assertThat(revealed).extracting(RevealedWeights::validator)
                .containsExactly(byAddress.get(0).getAddress(), byAddress.get(1).getAddress());
        RevealedWeights mine = revealed.stream().filter(r -> r.validator().equalsIgnoreCase(first.getAddress())).findFirst().orElseThrow();
        assertThat(mine.uids()).containsExactly(uids);
        assertThat(mine.weights()).containsExactly(values);
        long revealEpochStart = chain.session.emission(chain.session.reader()).epochStartBlock(BigInteger.valueOf(e + 1)).send().longValueExact();
        assertThat(mine.block()).isBetween(revealEpochStart, revealEpochStart + 359);
        RevealedWeights theirs = revealed.stream().filter(r -> r.validator().equalsIgnoreCase(second.getAddress())).findFirst().orElseThrow();
        assertThat(theirs.uids()).containsExactly(otherUids);
        assertThat(theirs.weights()).containsExactly(otherValues);
        assertThat(weights.commitOf(brain, e, first.getAddress()).revealed()).isTrue();
        assertThat(weights.revealed(brain, e - 1)).as("another commit epoch").isEmpty();
        assertThat(weights.revealed(999, e)).as("another Brain").isEmpty();

        // A replay of the same reveal is refused and emits nothing more.
        reverts("WeightsAlreadyRevealed", () -> revealRaw(first, brain, e, uids, values, salt));
        WeightsException replay = refused(() -> weights.reveal(first, brain, e, uids, values, salt));
        assertThat(replay.reason()).isEqualTo(Reason.WRONG_STATE);
        assertThat(replay).hasMessageContaining("already revealed its weights for epoch " + e + " of Brain #" + brain);
        assertThat(weights.revealed(brain, e)).hasSize(2);
    }

    @Test
    void aSecondCommitInTheSameEpochReplacesTheFirst() throws Exception {
        long brain = 61;
        brain(brain, 2);
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        long e = freshEpoch();
        byte[] firstSalt = salt();
        byte[] secondSalt = salt();
        committed(validator, brain, e, new int[] {0}, new int[] {10}, firstSalt);
        byte[] second = committed(validator, brain, e, new int[] {1}, new int[] {20}, secondSalt);
        assertThat(weights.commitOf(brain, e, validator.getAddress()).hash()).isEqualTo(second);

        chain.closeEpoch(e);
        reverts("WeightsCommitMismatch", () -> revealRaw(validator, brain, e, new int[] {0}, new int[] {10}, firstSalt));
        weights.reveal(validator, brain, e, new int[] {1}, new int[] {20}, secondSalt);
        assertThat(weights.revealed(brain, e)).singleElement().satisfies(r -> assertThat(r.uids()).containsExactly(1));
    }

    // ---- refused reveals ----------------------------------------------------------------------------------

    @Test
    void aRevealThatDoesNotMatchItsCommitIsRefusedAndChangesNothing() throws Exception {
        long brain = 62;
        brain(brain, 3);
        Credentials honest = memorized(brain, NodeRole.VALIDATOR);
        Credentials copier = memorized(brain, NodeRole.VALIDATOR);
        long e = freshEpoch();
        int[] uids = {0, 1, 2};
        int[] values = {100, 200, 300};
        byte[] salt = salt();
        byte[] hash = committed(honest, brain, e, uids, values, salt);
        committed(copier, brain, e, new int[] {0}, new int[] {1}, salt());
        chain.closeEpoch(e);

        var otherWeights = reverts("WeightsCommitMismatch", () -> revealRaw(honest, brain, e, uids, new int[] {100, 200, 301}, salt));
        assertThat(otherWeights.value("committed")).isEqualTo(hash);
        reverts("WeightsCommitMismatch", () -> revealRaw(honest, brain, e, new int[] {0, 1}, new int[] {100, 200}, salt));
        reverts("WeightsCommitMismatch", () -> revealRaw(honest, brain, e, uids, values, salt()));
        // The hash binds the validator: another validator cannot reveal (or replay) the honest one's data as its own.
        reverts("WeightsCommitMismatch", () -> revealRaw(copier, brain, e, uids, values, salt));
        reverts("WeightsNotCommitted", () -> revealRaw(OUTSIDER, brain, e, uids, values, salt));

        WeightsException mismatch = refused(() -> weights.reveal(honest, brain, e, uids, values, salt()));
        assertThat(mismatch.reason()).isEqualTo(Reason.COMMIT_MISMATCH);
        assertThat(mismatch).hasMessageContaining("not to the committed " + Numeric.toHexString(hash))
                .hasMessageContaining("reveal exactly the uids, weights and salt that were committed, from the same wallet");
        assertNotRevealed(brain, e, honest, copier);

        weights.reveal(honest, brain, e, uids, values, salt);
        assertThat(weights.revealed(brain, e)).extracting(RevealedWeights::validator).containsExactly(honest.getAddress());
    }

    @Test
    void aRevealForANeverCommittedEpochOrAfterItsEpochIsRefused() throws Exception {
        long brain = 63;
        brain(brain, 2);
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        long e = freshEpoch();
        int[] uids = {0, 1};
        int[] values = {5, 6};
        byte[] salt = salt();
        committed(validator, brain, e, uids, values, salt);

        // Epoch e - 1's reveal window is open now, but nothing was committed for it.
        reverts("WeightsNotCommitted", () -> revealRaw(validator, brain, e - 1, uids, values, salt));
        WeightsException never = refused(() -> weights.reveal(validator, brain, e - 1, uids, values, salt));
        assertThat(never.reason()).isEqualTo(Reason.WRONG_STATE);
        assertThat(never).hasMessageContaining("committed no weights for epoch " + (e - 1) + " of Brain #" + brain);

        chain.closeEpoch(e + 1);
        var late = reverts("WeightsLateReveal", () -> revealRaw(validator, brain, e, uids, values, salt));
        assertThat(late.value("currentEpoch")).isEqualTo(BigInteger.valueOf(e + 2));
        WeightsException lateClient = refused(() -> weights.reveal(validator, brain, e, uids, values, salt));
        assertThat(lateClient.reason()).isEqualTo(Reason.WRONG_EPOCH);
        assertThat(lateClient).hasMessageContaining("late reveal: the weights of epoch " + e + " could be revealed during epoch "
                + (e + 1) + " only, the chain is in epoch " + (e + 2));
        assertNotRevealed(brain, e, validator);
    }

    @Test
    void malformedWeightsAreRefusedByTheContractAndBeforeSendingByTheClient() throws Exception {
        long brain = 64;
        brain(brain, 3);
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        long e = freshEpoch();
        byte[] salt = salt();
        int[] uids = {0, 1, 2};
        int[] values = {7, 8, 9};
        committed(validator, brain, e, uids, values, salt);
        chain.closeEpoch(e);

        var unknown = reverts("WeightsUnknownUid", () -> revealRaw(validator, brain, e, new int[] {0, 3}, new int[] {1, 1}, salt));
        assertThat(unknown.value("minerCount")).isEqualTo(BigInteger.valueOf(3));
        WeightsException unknownClient = refused(() -> weights.reveal(validator, brain, e, new int[] {0, 3}, new int[] {1, 1}, salt));
        assertThat(unknownClient.reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(unknownClient).hasMessageContaining("Brain #" + brain + " has 3 miners (uids 0 to 2), there is no uid 3");

        var descending = reverts("WeightsUidsNotAscending", () -> revealRaw(validator, brain, e, new int[] {2, 1}, new int[] {1, 1}, salt));
        assertThat(descending.value("index")).isEqualTo(BigInteger.ONE);
        reverts("WeightsUidsNotAscending", () -> revealRaw(validator, brain, e, new int[] {1, 1}, new int[] {1, 1}, salt));
        reverts("WeightsLengthMismatch", () -> revealRaw(validator, brain, e, new int[] {0, 1}, new int[] {1}, salt));
        int[] tooMany = new int[1_793];
        for (int i = 0; i < tooMany.length; i++) tooMany[i] = i;
        var many = reverts("WeightsTooMany", () -> revealRaw(validator, brain, e, tooMany, new int[1_793], salt));
        assertThat(many.value("maxCount")).isEqualTo(BigInteger.valueOf(1_792));

        long nonce = nonce(validator);
        assertThat(refused(() -> weights.reveal(validator, brain, e, new int[] {2, 1}, new int[] {1, 1}, salt)))
                .hasMessageContaining("uids must be strictly ascending, but uid 1 at index 1 follows 2");
        assertThat(refused(() -> weights.reveal(validator, brain, e, new int[] {0, 1}, new int[] {1}, salt)))
                .hasMessageContaining("2 uids but 1 values; give one value per uid");
        assertThat(refused(() -> weights.reveal(validator, brain, e, tooMany, new int[1_793], salt)))
                .hasMessageContaining("1793 entries, at most 1792");
        assertThat(refused(() -> weights.reveal(validator, brain, e, new int[] {0}, new int[] {65_536}, salt)))
                .hasMessageContaining("a value must be 0 to 65535, got 65536");
        assertThat(refused(() -> weights.reveal(validator, brain, e, uids, values, new byte[31])))
                .hasMessageContaining("the salt must be 32 bytes");
        assertThat(nonce(validator)).as("the client refused before signing anything").isEqualTo(nonce);
        assertNotRevealed(brain, e, validator);

        weights.reveal(validator, brain, e, uids, values, salt);
        assertThat(weights.revealed(brain, e)).hasSize(1);
    }

    @Test
    void aTransactionSentFromTheLastBlockOfAnEpochCountsInTheNext() throws Exception {
        long brain = 68;
        brain(brain, 1);
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        long e = freshEpoch();
        assertThat(weights.nextBlockEpoch()).isEqualTo(e);
        long nextStart = chain.session.emission(chain.session.reader()).epochStartBlock(BigInteger.valueOf(e + 1)).send().longValueExact();
        chain.mine(nextStart - 1 - chain.basedai.blockNumber().longValueExact());
        assertThat(weights.currentEpoch()).as("a view at the latest block").isEqualTo(e);
        assertThat(weights.nextBlockEpoch()).isEqualTo(e + 1);

        // Mined in the next block, the first of epoch e + 1: that is the epoch the contract sees.
        byte[] salt = salt();
        byte[] stale = ValidatorWeightsClient.commitHash(brain, e, new int[] {0}, new int[] {1}, salt, validator.getAddress());
        reverts("WeightsWrongCommitEpoch", () -> commitRaw(validator, brain, e, stale));
        committed(validator, brain, e + 1, new int[] {0}, new int[] {1}, salt);
        assertThat(weights.commitOf(brain, e + 1, validator.getAddress()).committed()).isTrue();
    }

    // ---- refused commits ----------------------------------------------------------------------------------

    @Test
    void onlyTheBrainsValidatorsCommitAndOnlyForTheCurrentEpoch() throws Exception {
        long brain = 65;
        brain(brain, 1);
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        Credentials miner = memorized(brain, NodeRole.MINER);
        brain(brain + 1, 0);
        Credentials elsewhere = memorized(brain + 1, NodeRole.VALIDATOR);
        long e = freshEpoch();
        byte[] hash = ValidatorWeightsClient.commitHash(brain, e, new int[] {0}, new int[] {1}, salt(), validator.getAddress());

        reverts("WeightsNotValidator", () -> commitRaw(OUTSIDER, brain, e, hash));
        reverts("WeightsNotValidator", () -> commitRaw(miner, brain, e, hash));
        reverts("WeightsNotValidator", () -> commitRaw(elsewhere, brain, e, hash));
        WeightsException notValidator = refused(() -> weights.commit(miner, brain, e, hash));
        assertThat(notValidator.reason()).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(notValidator).hasMessageContaining(miner.getAddress() + " is not a validator of Brain #" + brain);

        var ahead = reverts("WeightsWrongCommitEpoch", () -> commitRaw(validator, brain, e + 1, hash));
        assertThat(ahead.value("currentEpoch")).isEqualTo(BigInteger.valueOf(e));
        reverts("WeightsWrongCommitEpoch", () -> commitRaw(validator, brain, e - 1, hash));
        assertThat(refused(() -> weights.commit(validator, brain, e - 1, hash)))
                .hasMessageContaining("the commit names epoch " + (e - 1) + ", the chain is in epoch " + e)
                .satisfies(x -> assertThat(((WeightsException) x).reason()).isEqualTo(Reason.WRONG_EPOCH));
        reverts("WeightsEmptyCommitHash", () -> commitRaw(validator, brain, e, new byte[32]));

        for (Credentials who : List.of(OUTSIDER, miner, elsewhere, validator)) {
            assertThat(weights.commitOf(brain, e, who.getAddress()).committed()).as("refused commits store nothing").isFalse();
        }
        assertThat(weights.commitOf(brain, e + 1, validator.getAddress()).committed()).isFalse();
        assertThat(weights.commitOf(brain, e - 1, validator.getAddress()).committed()).isFalse();
    }

    // ---- governance ---------------------------------------------------------------------------------------

    @Test
    void onlyGovernanceSetsTheBondVariantAndTheRoles() throws Exception {
        String timelock = chain.session.address(BasedAiContracts.TIMELOCK);
        ValidatorWeights reader = chain.session.weights(chain.session.reader());
        byte[] governor = reader.GOVERNOR_ROLE().send();
        byte[] admin = reader.DEFAULT_ADMIN_ROLE().send();
        assertThat(reader.hasRole(admin, timelock).send()).isTrue();
        assertThat(reader.hasRole(governor, timelock).send()).isTrue();
        assertThat(reader.hasRole(admin, BasedChainFixture.ADMIN.getAddress()).send()).as("handed over at deploy").isFalse();

        for (Credentials who : List.of(OUTSIDER, BasedChainFixture.ADMIN)) {
            reverts("AccessControlUnauthorizedAccount", () -> as(who).setBondVariant(BigInteger.ONE).send());
            reverts("AccessControlUnauthorizedAccount", () -> as(who).grantRole(governor, who.getAddress()).send());
            reverts("AccessControlUnauthorizedAccount", () -> as(who).grantRole(admin, who.getAddress()).send());
            reverts("AccessControlUnauthorizedAccount", () -> as(who).revokeRole(governor, timelock).send());
        }
        assertThat(weights.bondVariant()).isZero();
        assertThat(reader.hasRole(governor, timelock).send()).isTrue();
        assertThat(reader.hasRole(governor, OUTSIDER.getAddress()).send()).isFalse();

        // Even governance cannot name a variant the oracle does not know.
        String data = FunctionEncoder.encode(new Function("setBondVariant", List.of(new Uint8(2)), List.of()));
        var call = chain.basedai.web3j().ethCall(Transaction.createEthCallTransaction(timelock, weights.address(), data),
                DefaultBlockParameterName.LATEST).send();
        reverts("WeightsInvalidBondVariant", () -> BasedSession.reverts().requireSuccess("set the bond variant", call));
    }

    // ---- size ---------------------------------------------------------------------------------------------

    @Test
    void aRevealOf1792WeightsFitsWellInsideTheBlockGasLimit() throws Exception {
        long brain = 67;
        brain(brain, 0);
        BrainRegistry registry = chain.session.registry(chain.session.reader());
        try (AnvilImpersonation anvil = new AnvilImpersonation(chain.basedai)) {
            List<String> miners = new ArrayList<>();
            for (int i = 0; i < 1_792; i++) miners.add(Keys.toChecksumAddress(String.format("0x%040x", 0x3e19_0000L + i)));
            anvil.impersonate(miners);
            anvil.send(miners, registry.getContractAddress(), FunctionEncoder.encode(new Function("memorize",
                    List.of(new Uint256(brain), new Uint8(0), new Bytes32(new byte[32])), List.of())));
        }
        assertThat(registry.nodeCount(BigInteger.valueOf(brain), NodeRole.MINER.onChain()).send()).isEqualTo(BigInteger.valueOf(1_792));
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        int[] uids = new int[1_792];
        int[] values = new int[1_792];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = i;
            values[i] = 1 + (i * 7_919) % 65_535;
        }
        byte[] salt = salt();
        long e = freshEpoch();
        committed(validator, brain, e, uids, values, salt);
        chain.closeEpoch(e);

        TransactionReceipt receipt = revealRaw(validator, brain, e, uids, values, salt);
        long gas = receipt.getGasUsed().longValueExact();
        long limit = chain.basedai.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getGasLimit().longValueExact();
        System.out.printf("reveal of 1,792 weights: %,d gas of a %,d block gas limit (%.1f%%)%n", gas, limit, 100.0 * gas / limit);
        assertThat(gas).as("well inside the block gas limit").isLessThan(limit / 4);
        assertThat(weights.revealed(brain, e)).singleElement().satisfies(r -> {
            assertThat(r.uids()).containsExactly(uids);
            assertThat(r.weights()).containsExactly(values);
        });
    }
}
