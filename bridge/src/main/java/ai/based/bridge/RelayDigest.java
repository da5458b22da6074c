package ai.based.bridge;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** The EIP-712 attestation a relayer signs for a message hash, for the destination messenger. */
public final class RelayDigest {
    private static final byte[] DOMAIN_TYPEHASH = Hash.sha3(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.UTF_8));
    private static final byte[] RELAY_TYPEHASH = Hash.sha3("Relay(bytes32 messageHash)".getBytes(StandardCharsets.UTF_8));

    private RelayDigest() {}

    /** The EIP-712 domain separator of a messenger: fixed per deployment, so callers compute it once. */
    public static byte[] domain(String messengerName, long destinationChainId, String messenger) {
        return Hash.sha3(concat(DOMAIN_TYPEHASH, Hash.sha3(messengerName.getBytes(StandardCharsets.UTF_8)),
                Hash.sha3("1".getBytes(StandardCharsets.UTF_8)), word(BigInteger.valueOf(destinationChainId)),
                word(Numeric.toBigInt(messenger))));
    }

    public static byte[] digest(byte[] domain, byte[] messageHash) {
        byte[] struct = Hash.sha3(concat(RELAY_TYPEHASH, messageHash));
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domain, struct));
    }

    public static byte[] sign(Credentials relayer, byte[] digest) {
        Sign.SignatureData s = Sign.signMessage(digest, relayer.getEcKeyPair(), false);
        return concat(s.getR(), s.getS(), s.getV());
    }

    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
