package ai.based.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Amounts as people type and read them, in 18-decimal base units. */
class PepeTest {
    private static final BigInteger ONE = BigInteger.TEN.pow(18);

    @Test
    void wholeAmountsAreScaledByEighteenDecimals() {
        assertThat(Pepe.units(1_400)).isEqualTo(ONE.multiply(BigInteger.valueOf(1_400)));
        assertThat(Pepe.units(0)).isZero();
    }

    @Test
    void parseAcceptsGroupingCommasUnderscoresAndUpToEighteenDecimals() {
        assertThat(Pepe.parse("1,400")).isEqualTo(Pepe.units(1_400));
        assertThat(Pepe.parse("100_000")).isEqualTo(Pepe.units(100_000));
        assertThat(Pepe.parse("2.5")).isEqualTo(ONE.multiply(BigInteger.valueOf(25)).divide(BigInteger.TEN));
        assertThat(Pepe.parse("0.000000000000000001")).isEqualTo(BigInteger.ONE);
        assertThat(Pepe.parse("1.000000000000000000")).isEqualTo(ONE);
        assertThat(Pepe.parse("0")).isZero();
    }

    @Test
    void parseRefusesMoreThanEighteenDecimals() {
        assertThatThrownBy(() -> Pepe.parse("0.0000000000000000001"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("amount 0.0000000000000000001 has more than 18 decimals");
    }

    @Test
    void parseRefusesNegativeAmounts() {
        assertThatThrownBy(() -> Pepe.parse("-1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("amount must not be negative: -1");
        assertThatThrownBy(() -> Pepe.parse("-0.5")).hasMessageContaining("must not be negative");
    }

    @Test
    void parseRefusesWhatIsNotANumber() {
        for (String typo : new String[] {"ten", "1.2.3", "0x10", "12 PEPE"}) {
            assertThatThrownBy(() -> Pepe.parse(typo))
                    .as(typo)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("not an amount: '" + typo + "' (write it in tokens, e.g. 1400 or 0.25)");
        }
        assertThatThrownBy(() -> Pepe.parse("")).isInstanceOf(InvalidInputException.class).hasMessage("no amount given");
    }

    @Test
    void formatGroupsThousandsAndShowsAtMostFourDecimals() {
        assertThat(Pepe.format(Pepe.units(1_400))).isEqualTo("1,400");
        assertThat(Pepe.format(Pepe.units(1_234_567))).isEqualTo("1,234,567");
        assertThat(Pepe.format(Pepe.parse("2.5"))).isEqualTo("2.5");
        assertThat(Pepe.format(Pepe.parse("0.12345"))).isEqualTo("0.1234");
        assertThat(Pepe.format(Pepe.parse("0.12346"))).isEqualTo("0.1235");
        assertThat(Pepe.format(BigInteger.ZERO)).isEqualTo("0");
    }

    @Test
    void formatIgnoresTheMachineLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Pepe.format(Pepe.parse("1234.5"))).isEqualTo("1,234.5");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void whatFormatPrintsParsesBackToTheSameAmount() {
        for (String amount : new String[] {"1,400", "0.5", "1,000,000.25", "7"}) {
            assertThat(Pepe.format(Pepe.parse(amount))).isEqualTo(amount);
        }
    }
}
