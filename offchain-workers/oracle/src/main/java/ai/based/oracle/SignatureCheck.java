package ai.based.oracle;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Who signed a digest: the address a 65-byte r || s || v signature recovers to, or empty for anything else. */
final class SignatureCheck {
    private SignatureCheck() {}

    static Optional<String> recover(byte[] digest, byte[] signature) {
        if (signature == null || signature.length != 65) return Optional.empty();
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(signature[64],
                    Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64)));
            return Optional.of("0x" + Keys.getAddress(key));
        } catch (SignatureException | RuntimeException invalid) {
            return Optional.empty();
        }
    }
}
