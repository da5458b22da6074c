package ai.based.client.basedai;

import ai.based.client.basedai.WeightsException.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * (uid, value) lists as the weights and forecasts contracts take them: uint16 arrays, uids strictly ascending, one
 * value per uid. Checked here before signing, so a malformed list is refused without a transaction; the contracts
 * check the same again.
 */
final class U16Entries {
    static final int MAX_U16 = 0xFFFF;

    private U16Entries() {}

    static void check(String action, int[] uids, int[] values, int maxEntries) {
        String prefix = "cannot " + action + ": ";
        if (uids == null || values == null) throw new WeightsException(Reason.INVALID_INPUT, prefix + "uids and values are required");
        if (uids.length != values.length) {
            throw new WeightsException(Reason.INVALID_INPUT, prefix + uids.length + " uids but " + values.length
                    + " values; give one value per uid");
        }
        if (uids.length > maxEntries) {
            throw new WeightsException(Reason.INVALID_INPUT, prefix + uids.length + " entries, at most " + maxEntries
                    + " (one per miner slot)");
        }
        for (int i = 0; i < uids.length; i++) {
            requireU16(prefix, "uid", uids[i]);
            requireU16(prefix, "value", values[i]);
            if (i > 0 && uids[i] <= uids[i - 1]) {
                throw new WeightsException(Reason.INVALID_INPUT, prefix + "uids must be strictly ascending, but uid "
                        + uids[i] + " at index " + i + " follows " + uids[i - 1]);
            }
        }
    }

    private static void requireU16(String prefix, String what, int value) {
        if (value < 0 || value > MAX_U16) {
            throw new WeightsException(Reason.INVALID_INPUT, prefix + "a " + what + " must be 0 to 65535, got " + value);
        }
    }

    static List<BigInteger> onChain(int[] values) {
        List<BigInteger> list = new ArrayList<>(values.length);
        for (int v : values) list.add(BigInteger.valueOf(v));
        return list;
    }

    static int[] fromChain(List<BigInteger> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i).intValueExact();
        return out;
    }

    static DynamicArray<Uint16> abiArray(int[] values) {
        List<Uint16> list = new ArrayList<>(values.length);
        for (int v : values) list.add(new Uint16(v));
        return new DynamicArray<>(Uint16.class, list);
    }

    /** keccak256(abi.encode(parameters...)), as Solidity computes it. */
    @SuppressWarnings("rawtypes")
    static byte[] keccakOfAbiEncode(List<Type> parameters) {
        return Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(parameters)));
    }
}
