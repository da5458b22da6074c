package ai.based.chain.tx;

import java.util.List;
import org.web3j.utils.Numeric;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A revert decoded against the known ABIs: the custom error's contract and name with its arguments, or
 * Solidity's Error(string)/Panic(uint256). Values are Java natives (BigInteger, String addresses, Boolean).
 */
public record DecodedRevert(String contract, String error, List<String> names, List<Object> values) {

    public Object value(String name) {
        int index = names.indexOf(name);
        if (index < 0) throw new IllegalArgumentException(error + " has no argument " + name);
        return values.get(index);
    }

    public boolean is(String errorName) {
        return error.equals(errorName);
    }

    @Override
    public String toString() {
        String args = IntStream.range(0, names.size())
                .mapToObj(i -> names.get(i) + "=" + show(values.get(i)))
                .collect(Collectors.joining(", "));
        return (contract.isEmpty() ? "" : contract + ".") + error + "(" + args + ")";
    }

    private static String show(Object value) {
        return value instanceof byte[] bytes ? Numeric.toHexString(bytes) : String.valueOf(value);
    }
}
