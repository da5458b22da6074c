package ai.based.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Amounts and addresses as people type them: what is accepted, and what is refused in which words. */
class AmountAndAddressInputTest {
    @Test
    void amountsParseUpToTheLargestBalanceAndNoFurther() {
        assertThat(Pepe.parse("1,400.5")).isEqualTo(new BigInteger("1400500000000000000000"));
        assertThat(Pepe.parse("0")).isZero();
        String max = "115792089237316195423570985008687907853269984665640564039457.584007913129639935";
        assertThat(Pepe.parse(max)).isEqualTo(Pepe.MAX_UNITS);
        for (String tooMuch : new String[] {"115792089237316195423570985008687907853269984665640564039457.584007913129639936", "1e80", "1e999999999"}) {
            assertThatThrownBy(() -> Pepe.parse(tooMuch)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is more than any token balance can hold");
        }
        assertThatThrownBy(() -> Pepe.parse("0.0000000000000000001")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than 18 decimals");
        assertThatThrownBy(() -> Pepe.parse("-1")).isInstanceOf(InvalidInputException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> Pepe.parse("ten")).isInstanceOf(InvalidInputException.class).hasMessageContaining("not an amount");
        assertThatThrownBy(() -> Pepe.parsePositive("0.0")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be more than 0");
    }

    @Test
    void addressesAreFortyHexDigitsWithAValidChecksumWhenMixedCase() {
        assertThat(Addresses.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "--to")).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertThat(Addresses.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "--to")).startsWith("0x5aae");
        assertThatThrownBy(() -> Addresses.parse("0x1234", "--validator")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--validator '0x1234' is not an address: expected 0x followed by 40 hex digits");
        assertThatThrownBy(() -> Addresses.parse("0xZZZ", "--validator")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Addresses.parse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "--to"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("EIP-55 checksum");
    }
}
