package ai.based.client.basedai;

import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.client.basedai.ValidatorWeightsClient.RevealedWeights;
import ai.based.client.basedai.WeightsException.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * ValidatorWeights' reveals: a validator commits in epoch e and reveals in e + 1, the event carries the weights; every
 * other reveal (other data, other salt, other validator, never committed, too early, too late, twice, malformed) is
 * refused by name with an actionable message and changes nothing. Each test has its own Brain number and starts at the
 * beginning of a fresh epoch, so its transactions never straddle an epoch boundary by accident. Commits, roles and
 * size: {@link ValidatorWeightsCommitTest}.
 */
class ValidatorWeightsTest extends ValidatorWeightsFixture {
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
}
