package ai.based.client.market;

import ai.based.client.InvalidInputException;
import java.math.BigInteger;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

/**
 * A user's cumulative promise to a miner for compute on one Brain: {@code units} compute units (encrypted token
 * passes) and {@code amount} BASED base units owed on the (user, miner, Brain) channel since it opened. Only the
 * latest receipt of a channel matters; the miner redeems it and is paid what it adds to what was redeemed before.
 */
public record Receipt(String user, String miner, long brainId, BigInteger units, BigInteger amount) {
    private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    public Receipt {
        user = address(user, "user");
        miner = address(miner, "miner");
        if (brainId < 0) throw new InvalidInputException("a receipt's Brain number must not be negative, got " + brainId);
        units = uint256(units, "units");
        amount = uint256(amount, "amount");
    }

    /** The next receipt of the same channel: {@code moreUnits} more units for {@code moreAmount} more BASED. */
    public Receipt plus(long moreUnits, BigInteger moreAmount) {
        return new Receipt(user, miner, brainId, units.add(BigInteger.valueOf(moreUnits)), amount.add(moreAmount));
    }

    private static String address(String value, String what) {
        if (value == null || !WalletUtils.isValidAddress(value) || !value.startsWith("0x")) {
            throw new InvalidInputException("a receipt's " + what + " must be a 0x-prefixed 20-byte address, got " + value);
        }
        return Keys.toChecksumAddress(value);
    }

    private static BigInteger uint256(BigInteger value, String what) {
        if (value == null || value.signum() < 0 || value.compareTo(MAX_UINT256) > 0) {
            throw new InvalidInputException("a receipt's " + what + " must be between 0 and 2^256-1, got " + value);
        }
        return value;
    }
}
