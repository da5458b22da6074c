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

    /** The most base units any ERC-20 balance can hold: 2^256 - 1. */
    public static final BigInteger MAX_UNITS = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    /** Longer inputs are refused before BigDecimal parses them: "1e999999999" would otherwise take memory and time. */
    private static final int MAX_INPUT_LENGTH = 100;

    /** An amount in whole tokens with up to 18 decimals ("1,400.5"), as base units; zero is allowed. */
    public static BigInteger parse(String amount) {
        if (amount == null || amount.isBlank()) throw new InvalidInputException("no amount given");
        if (amount.length() > MAX_INPUT_LENGTH) throw new InvalidInputException("amount '" + amount.substring(0, 20) + "…' is too long");
        BigInteger units;
        try {
            BigDecimal value = new BigDecimal(amount.replace(",", "").replace("_", ""));
            if (value.signum() < 0) throw new InvalidInputException("amount must not be negative: " + amount);
            if (value.precision() - value.scale() > 80) throw tooLarge(amount);
            units = value.movePointRight(DECIMALS).toBigIntegerExact();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("not an amount: '" + amount + "' (write it in tokens, e.g. 1400 or 0.25)", e);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("amount " + amount + " has more than " + DECIMALS + " decimals", e);
        }
        if (units.compareTo(MAX_UNITS) > 0) throw tooLarge(amount);
        return units;
    }

    /** Like {@link #parse}, refusing zero: transfers, stakes and bridge sends of nothing are mistakes. */
    public static BigInteger parsePositive(String amount) {
        BigInteger units = parse(amount);
        if (units.signum() == 0) throw new InvalidInputException("the amount must be more than 0, got " + amount);
        return units;
    }

    private static InvalidInputException tooLarge(String amount) {
        return new InvalidInputException("amount " + amount + " is more than any token balance can hold (at most "
                + format(MAX_UNITS) + ")");
    }

    public static String format(BigInteger units) {
        DecimalFormat format = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(new BigDecimal(units).movePointLeft(DECIMALS));
    }
}
