package ai.based.epochs;


import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 digest of an EpochResult for EpochOracle, computed here so that a signer knows exactly what it
 * signs without trusting a node to hash it.
 */
public final class EpochResultDigest {
    private static final byte[] DOMAIN_TYPEHASH = Hash.sha3(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.UTF_8));
    private static final byte[] RESULT_TYPEHASH = Hash.sha3(
            "EpochResult(uint256 epoch,bytes32 brainTotalsHash,bytes32 prunesHash,bytes32 rewardsRoot,uint256 total)"
                    .getBytes(StandardCharsets.UTF_8));
    private static final String NAME = "BasedAI EpochOracle";
    private static final String VERSION = "1";

    private EpochResultDigest() {}

    public static byte[] digest(long chainId, String oracle, long epoch, List<Long> brainIds, List<BigInteger> totals,
            List<Prune> prunes, byte[] rewardsRoot) {
        BigInteger total = totals.stream().reduce(BigInteger.ZERO, BigInteger::add);
        byte[] domain = Hash.sha3(concat(DOMAIN_TYPEHASH, Hash.sha3(NAME.getBytes(StandardCharsets.UTF_8)),
                Hash.sha3(VERSION.getBytes(StandardCharsets.UTF_8)), word(BigInteger.valueOf(chainId)),
                word(Numeric.toBigInt(oracle))));
        byte[] structHash = Hash.sha3(concat(RESULT_TYPEHASH, word(BigInteger.valueOf(epoch)),
                Hash.sha3(encodeTwoArrays(brainIds.stream().map(BigInteger::valueOf).toList(), totals)),
                Hash.sha3(encodePrunes(prunes)), rewardsRoot, word(total)));
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domain, structHash));
    }

    /** A 65-byte r || s || v signature over the digest, as ECDSA.recover takes it. */
    public static byte[] sign(Credentials signer, byte[] digest) {
        Sign.SignatureData signature = Sign.signMessage(digest, signer.getEcKeyPair(), false);
        return concat(signature.getR(), signature.getS(), signature.getV());
    }

    /** abi.encode(uint256[] a, uint256[] b). */
    static byte[] encodeTwoArrays(List<BigInteger> a, List<BigInteger> b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(word(BigInteger.valueOf(64)));
        out.writeBytes(word(BigInteger.valueOf(64 + 32L * (a.size() + 1))));
        writeArray(out, a);
        writeArray(out, b);
        return out.toByteArray();
    }

    /** abi.encode(Prune[]) where Prune is the static struct (uint256 brainId, uint8 role, uint256 uid). */
    static byte[] encodePrunes(List<Prune> prunes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(word(BigInteger.valueOf(32)));
        out.writeBytes(word(BigInteger.valueOf(prunes.size())));
        for (Prune prune : prunes) {
            out.writeBytes(word(BigInteger.valueOf(prune.brainId())));
            out.writeBytes(word(BigInteger.valueOf(prune.role())));
            out.writeBytes(word(BigInteger.valueOf(prune.uid())));
        }
        return out.toByteArray();
    }

    private static void writeArray(ByteArrayOutputStream out, List<BigInteger> values) {
        out.writeBytes(word(BigInteger.valueOf(values.size())));
        for (BigInteger value : values) out.writeBytes(word(value));
    }

    static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
