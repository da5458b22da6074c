package ai.based.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RevertDecoderTest {
    private final RevertDecoder decoder = RevertDecoder.fromClasspath();

    @Test
    void decodesSolidityErrorStrings() {
        String data = "0x08c379a0"
                + "0000000000000000000000000000000000000000000000000000000000000020"
                + "0000000000000000000000000000000000000000000000000000000000000004"
                + "6e6f706500000000000000000000000000000000000000000000000000000000";
        assertThat(decoder.decode(data).value("reason")).isEqualTo("nope");
    }

    @Test
    void decodesPanics() {
        DecodedRevert panic = decoder.decode("0x4e487b71" + "0".repeat(62) + "11");
        assertThat(panic.error()).isEqualTo("Panic");
        assertThat(panic.value("code")).isEqualTo(BigInteger.valueOf(0x11));
    }

    @Test
    void keepsUnknownSelectorsAndEmptyRevertsReadable() {
        assertThat(decoder.decode("0xdeadbeef").error()).isEqualTo("UnknownError");
        assertThat(decoder.decode(null).error()).isEqualTo("EmptyRevert");
        assertThat(RevertDecoder.revertData("\"0x1234\"")).isEqualTo("0x1234");
    }
}
