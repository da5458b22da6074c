package ai.based.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Token amounts with 18 decimals (PEPE, ETH, BASED) in base units and as people read them: "1,400". */
public final class Pepe {
    public static final int DECIMALS = 18;
    private static final BigInteger ONE = BigInteger.TEN.pow(DECIMALS);

    private Pepe() {}

    public static BigInteger units(long whole) {
        return BigInteger.valueOf(whole).multiply(ONE);
    }

    public static BigInteger parse(String amount) {
        try {
            BigDecimal value = new BigDecimal(amount.replace(",", "").replace("_", ""));
            if (value.signum() < 0) throw new IllegalArgumentException("amount must not be negative: " + amount);
            return value.movePointRight(DECIMALS).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not an amount with at most 18 decimals: " + amount, e);
        }
    }

    public static String format(BigInteger units) {
        DecimalFormat format = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(new BigDecimal(units).movePointLeft(DECIMALS));
    }
}
