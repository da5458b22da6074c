package ai.based.client.market;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Signs and checks ComputeMarket receipts off chain, exactly as the contract hashes them: EIP-712 with the domain
 * ("BasedAI ComputeMarket", "1", chain id, market address) and the type
 * {@code Receipt(address user,address miner,uint256 brainId,uint256 units,uint256 amount)}. Signatures are 65 bytes
 * r || s || v with v 27 or 28 and s in the lower half of the curve order, the only form the contract accepts, so a
 * miner can check a receipt before it serves the next unit without asking the chain.
 */
public final class ReceiptSigner {
    public static final String DOMAIN_NAME = "BasedAI ComputeMarket";
    public static final String DOMAIN_VERSION = "1";
    public static final int SIGNATURE_BYTES = 65;
    private static final byte[] DOMAIN_TYPEHASH = keccak(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static final byte[] RECEIPT_TYPEHASH = keccak(
            "Receipt(address user,address miner,uint256 brainId,uint256 units,uint256 amount)");
    private static final BigInteger HALF_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private final byte[] domainSeparator;

    public ReceiptSigner(long chainId, String marketAddress) {
        this.domainSeparator = Hash.sha3(words(DOMAIN_TYPEHASH, keccak(DOMAIN_NAME), keccak(DOMAIN_VERSION),
                uint(BigInteger.valueOf(chainId)), address(marketAddress)));
    }

    public byte[] domainSeparator() {
        return domainSeparator.clone();
    }

    /** The 32-byte digest the user signs: keccak256(0x1901 || domainSeparator || hashStruct(receipt)). */
    public byte[] digest(Receipt r) {
        byte[] structHash = Hash.sha3(words(RECEIPT_TYPEHASH, address(r.user()), address(r.miner()),
                uint(BigInteger.valueOf(r.brainId())), uint(r.units()), uint(r.amount())));
        return Hash.sha3(ByteBuffer.allocate(66).put((byte) 0x19).put((byte) 0x01).put(domainSeparator).put(structHash).array());
    }

    /** Signs as the receipt's user; refuses a key that is not the user's, which the contract would refuse anyway. */
    public byte[] sign(Receipt r, Credentials user) {
        if (!user.getAddress().equalsIgnoreCase(r.user())) {
            throw new IllegalArgumentException("the receipt names user " + r.user() + " but the key is " + user.getAddress());
        }
        Sign.SignatureData signature = Sign.signMessage(digest(r), user.getEcKeyPair(), false);
        return ByteBuffer.allocate(SIGNATURE_BYTES).put(signature.getR()).put(signature.getS()).put(signature.getV()).array();
    }

    /**
     * The address that signed {@code signature} over the receipt, as the contract's ECDSA.recover finds it.
     *
     * @throws InvalidReceiptSignatureException for a signature the contract would refuse whoever signed it
     *         (wrong length, v not 27 or 28, r or s out of range, s in the upper half)
     */
    public String recover(Receipt r, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            throw new InvalidReceiptSignatureException("a receipt signature is " + SIGNATURE_BYTES + " bytes, got "
                    + (signature == null ? "none" : signature.length));
        }
        BigInteger rValue = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger sValue = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        int v = signature[64] & 0xff;
        if (v != 27 && v != 28) throw new InvalidReceiptSignatureException("a receipt signature's v is 27 or 28, got " + v);
        if (rValue.signum() == 0 || rValue.compareTo(Sign.CURVE_PARAMS.getN()) >= 0 || sValue.signum() == 0
                || sValue.compareTo(HALF_ORDER) > 0) {
            throw new InvalidReceiptSignatureException("a receipt signature's r and s must be in range with s in the "
                    + "lower half of the curve order (no malleable signatures)");
        }
        BigInteger key = Sign.recoverFromSignature(v - 27, new ECDSASignature(rValue, sValue), digest(r));
        if (key == null) throw new InvalidReceiptSignatureException("the receipt signature recovers to no key");
        return Keys.toChecksumAddress(Keys.getAddress(key));
    }

    /** Whether {@code signature} is the receipt's user's; false for malformed signatures too. */
    public boolean isSignedByUser(Receipt r, byte[] signature) {
        try {
            return recover(r, signature).equalsIgnoreCase(r.user());
        } catch (InvalidReceiptSignatureException e) {
            return false;
        }
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] uint(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] address(String address) {
        return Numeric.toBytesPadded(Numeric.toBigInt(address), 32);
    }

    private static byte[] words(byte[]... words) {
        ByteBuffer out = ByteBuffer.allocate(32 * words.length);
        for (byte[] word : words) out.put(word);
        return out.array();
    }
}
