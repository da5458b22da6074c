package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FixedTest {
    private static final BigInteger ONE = BigInteger.ONE.shiftLeft(32);

    @Test
    void productsRoundHalfToEven() {
        // 1.5 units * 0.5 = 0.75 unit -> 1; 1 unit * 0.5 = 0.5 unit -> 0 (even); 3 units * 0.5 = 1.5 -> 2 (even)
        long half = Fixed.ONE / 2;
        assertThat(Fixed.mul(1, half)).isZero();
        assertThat(Fixed.mul(3, half)).isEqualTo(2);
        assertThat(Fixed.mul(5, half)).isEqualTo(2);
        assertThat(Fixed.mul(Fixed.ONE, Fixed.ONE)).isEqualTo(Fixed.ONE);
    }

    @Test
    void quotientsRoundHalfToEven() {
        // 1 / 2^33 = 0.5 unit -> 0; 3 / 2^33 = 1.5 units -> 2
        assertThat(Fixed.div(1, 2L << 32)).isZero();
        assertThat(Fixed.div(3, 2L << 32)).isEqualTo(2);
        assertThat(Fixed.div(1, 3)).isEqualTo(1_431_655_765L);
        assertThat(Fixed.div(2, 3)).isEqualTo(2_863_311_531L);
    }

    @Property
    void divisionAgreesWithExactArithmeticOnEveryPath(@ForAll @LongRange(min = 0, max = 1L << 40) long a,
            @ForAll @LongRange(min = 1, max = 1L << 50) long b) {
        Assume.that(a / b < (1L << 30));
        assertThat(Fixed.div(a, b)).isEqualTo(roundedQuotient(BigInteger.valueOf(a).shiftLeft(32), BigInteger.valueOf(b)));
    }

    @Property
    void aSharedDividerAgreesWithDivision(@ForAll @LongRange(min = 0, max = 1L << 40) long a,
            @ForAll @LongRange(min = 1, max = 1L << 50) long b) {
        Assume.that(a / b < (1L << 30));
        assertThat(new Fixed.Divider(b).divide(a)).isEqualTo(Fixed.div(a, b));
        assertThat(new Fixed.Divider(b).divide(b - 1 < (1L << 31) ? b - 1 : a)).isEqualTo(Fixed.div(b - 1 < (1L << 31) ? b - 1 : a, b));
    }

    @Property
    void multiplicationAgreesWithExactArithmetic(@ForAll @LongRange(min = 0, max = 1L << 40) long a,
            @ForAll @LongRange(min = 0, max = 1L << 40) long b) {
        BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        assertThat(Fixed.mul(a, b)).isEqualTo(roundedQuotient(product, ONE));
    }

    @Property
    void exactNormalisationSumsToOneAndMovesNoShareByMoreThanAUnit(
            @ForAll @Size(min = 1, max = 40) List<@LongRange(min = 0, max = 1L << 36) Long> list) {
        long[] values = list.stream().mapToLong(Long::longValue).toArray();
        long total = Fixed.sum(values);
        long[] exact = Fixed.normalizeExact(values);
        long[] rounded = Fixed.normalize(values);
        assertThat(Fixed.sum(exact)).isEqualTo(total == 0 ? 0 : Fixed.ONE);
        for (int i = 0; i < values.length; i++) assertThat(Math.abs(exact[i] - rounded[i])).isLessThanOrEqualTo(1);
    }

    @Test
    void negativeOperandsAndOverflowAreRefused() {
        assertThatThrownBy(() -> Fixed.mul(-1, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fixed.div(1, 0)).isInstanceOf(ArithmeticException.class).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> Fixed.mul(Long.MAX_VALUE, Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class).hasMessageContaining("overflows");
        assertThatThrownBy(() -> Fixed.fromDouble(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fixed.normalizeExact(new long[] {3, -1})).isInstanceOf(ArithmeticException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> Fixed.div(1L << 40, 1)).isInstanceOf(ArithmeticException.class);
    }

    /** numerator / divisor to the nearest integer, ties to even, the slow and obvious way. */
    private static long roundedQuotient(BigInteger numerator, BigInteger divisor) {
        BigInteger[] qr = numerator.divideAndRemainder(divisor);
        int half = qr[1].shiftLeft(1).compareTo(divisor);
        return (half > 0 || (half == 0 && qr[0].testBit(0)) ? qr[0].add(BigInteger.ONE) : qr[0]).longValueExact();
    }
}
