package ai.based.client.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.client.InvalidInputException;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Receipt signatures off chain: what the contract accepts recovers the user, what it refuses is refused here too.
 * That the digest equals the contract's is ComputeMarketTest's business (it needs the chain).
 */
class ReceiptSignerTest {
    private static final String MARKET = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private final ReceiptSigner signer = new ReceiptSigner(32_323, MARKET);
    private final Credentials user = Credentials.create("0x" + "11".repeat(32));
    private final Credentials miner = Credentials.create("0x" + "22".repeat(32));
    private final Receipt receipt = new Receipt(user.getAddress(), miner.getAddress(), 7, BigInteger.TEN, BigInteger.TEN.pow(16));

    @Test
    void aSignatureIs65BytesLowSAndRecoversTheUser() {
        byte[] signature = signer.sign(receipt, user);
        assertThat(signature).hasSize(65);
        assertThat(signature[64]).isIn((byte) 27, (byte) 28);
        assertThat(new BigInteger(1, Arrays.copyOfRange(signature, 32, 64))).isLessThanOrEqualTo(Sign.CURVE_PARAMS.getN().shiftRight(1));
        assertThat(signer.recover(receipt, signature)).isEqualToIgnoringCase(user.getAddress());
        assertThat(signer.isSignedByUser(receipt, signature)).isTrue();
    }

    @Test
    void everyFieldAndTheDomainAreSigned() {
        byte[] signature = signer.sign(receipt, user);
        for (Receipt changed : new Receipt[] {
                new Receipt(miner.getAddress(), miner.getAddress(), 7, receipt.units(), receipt.amount()),
                new Receipt(user.getAddress(), user.getAddress(), 7, receipt.units(), receipt.amount()),
                new Receipt(user.getAddress(), miner.getAddress(), 8, receipt.units(), receipt.amount()),
                receipt.plus(1, BigInteger.ZERO),
                receipt.plus(0, BigInteger.ONE)}) {
            assertThat(signer.isSignedByUser(changed, signature)).as(changed.toString()).isFalse();
        }
        assertThat(new ReceiptSigner(1, MARKET).isSignedByUser(receipt, signature)).as("another chain").isFalse();
        assertThat(new ReceiptSigner(32_323, miner.getAddress()).isSignedByUser(receipt, signature)).as("another market").isFalse();
    }

    @Test
    void malformedAndMalleableSignaturesAreRefusedAsTheContractRefusesThem() {
        byte[] signature = signer.sign(receipt, user);
        byte[] highS = signature.clone();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        System.arraycopy(Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32), 0, highS, 32, 32);
        highS[64] = (byte) (signature[64] == 27 ? 28 : 27);
        byte[] badV = signature.clone();
        badV[64] = 29;
        byte[] zeroR = signature.clone();
        Arrays.fill(zeroR, 0, 32, (byte) 0);
        for (byte[] bad : new byte[][] {highS, badV, zeroR, Arrays.copyOf(signature, 64), new byte[0]}) {
            assertThatThrownBy(() -> signer.recover(receipt, bad)).isInstanceOf(InvalidReceiptSignatureException.class);
            assertThat(signer.isSignedByUser(receipt, bad)).isFalse();
        }
        assertThatThrownBy(() -> signer.recover(receipt, null)).isInstanceOf(InvalidReceiptSignatureException.class);
    }

    @Test
    void onlyTheUsersKeySignsAndReceiptsRefuseBadFields() {
        assertThatThrownBy(() -> signer.sign(receipt, miner)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names user");
        assertThatThrownBy(() -> new Receipt("0x1234", miner.getAddress(), 1, BigInteger.ONE, BigInteger.ONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("user");
        assertThatThrownBy(() -> new Receipt(user.getAddress(), miner.getAddress(), 1, BigInteger.ONE.negate(), BigInteger.ONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("units");
        assertThatThrownBy(() -> new Receipt(user.getAddress(), miner.getAddress(), 1, BigInteger.ONE, BigInteger.TWO.pow(256)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("amount");
    }
}
