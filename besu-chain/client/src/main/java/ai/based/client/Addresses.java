package ai.based.client;

import org.web3j.crypto.Keys;

/** Account and contract addresses as people type them. */
public final class Addresses {
    private Addresses() {}

    /**
     * An address: 0x and exactly 40 hex digits; mixed case must carry a valid EIP-55 checksum, so that a mistyped
     * digit in a copied address is caught rather than funds sent to it.
     *
     * @param what how the input is named in the message, e.g. "--validator"
     */
    public static String parse(String value, String what) {
        String v = value == null ? "" : value.strip();
        if (!v.matches("0x[0-9a-fA-F]{40}")) {
            throw new InvalidInputException(what + " '" + value + "' is not an address: expected 0x followed by 40 hex digits");
        }
        String digits = v.substring(2);
        boolean mixedCase = !digits.equals(digits.toLowerCase()) && !digits.equals(digits.toUpperCase());
        if (mixedCase && !Keys.toChecksumAddress(v).equals(v)) {
            throw new InvalidInputException(what + " '" + value + "' fails its EIP-55 checksum: a digit or its case is mistyped");
        }
        return v.toLowerCase();
    }
}
