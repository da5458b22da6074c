package ai.based.client.basedai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The commit hash and forecast root against abi.encode written out word by word, each input changing the hash, and
 * malformed input refused before anything is hashed or sent. (The devnet tests check the same hash against the
 * contract's commitHash view.)
 */
class WeightsHashTest {
    private static final String VALIDATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final byte[] SALT = filled(0x11);

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static String word(long value) {
        return Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(value), 64);
    }

    @Test
    void theCommitHashIsKeccakOfAbiEncodeWrittenOutByHand() {
        // brainId, epoch, offset of uids (6 head words), offset of weights, salt, validator; then each array.
        String encoded = word(1) + word(2) + word(6 * 32) + word(8 * 32) + Numeric.toHexStringNoPrefix(SALT)
                + "0".repeat(24) + Numeric.cleanHexPrefix(VALIDATOR) + word(1) + word(3) + word(1) + word(4);
        byte[] expected = Hash.sha3(Numeric.hexStringToByteArray(encoded));
        assertThat(ValidatorWeightsClient.commitHash(1, 2, new int[] {3}, new int[] {4}, SALT, VALIDATOR)).isEqualTo(expected);
    }

    @Test
    void everyInputChangesTheCommitHash() {
        byte[] base = ValidatorWeightsClient.commitHash(1, 2, new int[] {3, 5}, new int[] {4, 6}, SALT, VALIDATOR);
        assertThat(ValidatorWeightsClient.commitHash(1, 2, new int[] {3, 5}, new int[] {4, 6}, SALT, VALIDATOR)).isEqualTo(base);
        assertThat(ValidatorWeightsClient.commitHash(9, 2, new int[] {3, 5}, new int[] {4, 6}, SALT, VALIDATOR)).isNotEqualTo(base);
        assertThat(ValidatorWeightsClient.commitHash(1, 9, new int[] {3, 5}, new int[] {4, 6}, SALT, VALIDATOR)).isNotEqualTo(base);
        assertThat(ValidatorWeightsClient.commitHash(1, 2, new int[] {3, 6}, new int[] {4, 6}, SALT, VALIDATOR)).isNotEqualTo(base);
        assertThat(ValidatorWeightsClient.commitHash(1, 2, new int[] {3, 5}, new int[] {4, 7}, SALT, VALIDATOR)).isNotEqualTo(base);
        assertThat(ValidatorWeightsClient.commitHash(1, 2, new int[] {3, 5}, new int[] {4, 6}, filled(0x12), VALIDATOR)).isNotEqualTo(base);
        assertThat(ValidatorWeightsClient.commitHash(1, 2, new int[] {3, 5}, new int[] {4, 6}, SALT,
                "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc")).isNotEqualTo(base);
    }

    @Test
    void theForecastRootIsKeccakOfAbiEncodeOfBothArrays() {
        String encoded = word(64) + word(128) + word(1) + word(7) + word(1) + word(65_535);
        assertThat(EnforcerForecastsClient.root(new int[] {7}, new int[] {65_535}))
                .isEqualTo(Hash.sha3(Numeric.hexStringToByteArray(encoded)));
    }

    @Test
    void malformedInputIsRefusedWithWhatWouldBeAccepted() {
        assertThatThrownBy(() -> ValidatorWeightsClient.commitHash(1, 2, new int[] {3}, new int[] {4}, new byte[16], VALIDATOR))
                .isInstanceOf(WeightsException.class).hasMessageContaining("the salt must be 32 bytes");
        assertThatThrownBy(() -> ValidatorWeightsClient.commitHash(1, 2, new int[] {3}, new int[] {4}, SALT, "0x1234"))
                .isInstanceOf(WeightsException.class).hasMessageContaining("20-byte hex address, got '0x1234'");
        assertThatThrownBy(() -> ValidatorWeightsClient.commitHash(-1, 2, new int[] {3}, new int[] {4}, SALT, VALIDATOR))
                .isInstanceOf(WeightsException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> ValidatorWeightsClient.commitHash(1, 2, new int[] {3, 3}, new int[] {4, 4}, SALT, VALIDATOR))
                .isInstanceOf(WeightsException.class).hasMessageContaining("uid 3 at index 1 follows 3");
        assertThatThrownBy(() -> ValidatorWeightsClient.commitHash(1, 2, new int[] {70_000}, new int[] {4}, SALT, VALIDATOR))
                .isInstanceOf(WeightsException.class).hasMessageContaining("a uid must be 0 to 65535, got 70000");
        assertThatThrownBy(() -> ValidatorWeightsClient.commitHash(1, 2, null, new int[] {4}, SALT, VALIDATOR))
                .isInstanceOf(WeightsException.class).hasMessageContaining("uids and values are required")
                .satisfies(e -> assertThat(((WeightsException) e).reason()).isEqualTo(WeightsException.Reason.INVALID_INPUT));
    }
}
