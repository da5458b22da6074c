package ai.based.protocol.consensus;

import java.math.BigInteger;

/**
 * The epoch's miner incentive as DESIGN §5 writes it: {@code (1 - beta(t)) * I_yuma + beta(t) * I_tft}, normalised,
 * where I_tft comes from the TFT Enforcer's forecast posted on chain for the epoch. Pure {@link Fixed} arithmetic, so
 * every oracle signer blends to the same bits.
 *
 * <p>beta(t) counts years from the chain's genesis block (a year is {@link #YEAR_BLOCKS} blocks): 0 in years 1 and 2,
 * rising linearly from 0 at the first block of year 3 to 0.9 at the end of year 4, and 1 from the first block of
 * year 5 on (the whitepaper's step from 0.9 to 1).
 */
public final class IncentiveBlend {
    /** One year of 10-second blocks (DESIGN §5: Table 2's emission, not the text's 3,155,760). */
    public static final long YEAR_BLOCKS = 3_153_600L;
    /** Where the ramp starts (first block of year 3) and how long it runs (years 3 and 4). */
    private static final long RAMP_START = 2 * YEAR_BLOCKS;
    private static final long RAMP_BLOCKS = 2 * YEAR_BLOCKS;
    private static final BigInteger RAMP_DENOMINATOR = BigInteger.valueOf(10 * RAMP_BLOCKS);

    private IncentiveBlend() {}

    /**
     * The TFT's weight at {@code block}, in Fixed units: 0 before year 3, round(0.9 * (b - 2Y) / 2Y) in years 3-4
     * (exact ratio of integers, ties to even), ONE from year 5. A block before genesis counts as year 1.
     */
    public static long beta(long block, long genesisBlock) {
        if (genesisBlock < 0) throw new IllegalArgumentException("cannot compute beta: genesis block " + genesisBlock + " is negative");
        long age = block - genesisBlock;
        if (age < RAMP_START) return 0;
        if (age >= RAMP_START + RAMP_BLOCKS) return Fixed.ONE;
        return Fixed.ratio(BigInteger.valueOf(9 * (age - RAMP_START)), RAMP_DENOMINATOR);
    }

    /**
     * normalizeExact((1 - beta) * I_yuma + beta * I_tft), each product rounded once (ties to even). Both inputs are
     * per miner uid and of equal length. An all-zero I_tft (no forecast for the epoch) leaves the Yuma incentive as it
     * is: a missing forecast must not erase the miners' rewards once beta reaches 1.
     */
    public static long[] blend(long[] yumaIncentive, long[] tftIncentive, long beta) {
        if (yumaIncentive.length != tftIncentive.length) {
            throw new IllegalArgumentException("cannot blend incentives: " + yumaIncentive.length + " Yuma values but "
                    + tftIncentive.length + " TFT values (one per miner uid each)");
        }
        if (beta < 0 || beta > Fixed.ONE) throw new IllegalArgumentException("cannot blend incentives: beta " + Fixed.toDouble(beta) + " is outside [0, 1]");
        if (Fixed.sum(tftIncentive) == 0) return Fixed.normalizeExact(yumaIncentive);
        long keep = Fixed.ONE - beta;
        long[] mixed = new long[yumaIncentive.length];
        for (int j = 0; j < mixed.length; j++) {
            mixed[j] = Math.addExact(Fixed.mul(keep, yumaIncentive[j]), Fixed.mul(beta, tftIncentive[j]));
        }
        return Fixed.normalizeExact(mixed);
    }

    /**
     * The forecast's u16 values as a normalised Fixed incentive per miner uid: zero for uids the forecast leaves out, and
     * uids at or past {@code miners} dropped (a miner count read after the forecast was posted). Uids must be distinct.
     */
    public static long[] tftIncentive(int[] uids, int[] values, int miners) {
        if (uids.length != values.length) {
            throw new IllegalArgumentException("cannot read a forecast with " + uids.length + " uids but " + values.length + " values");
        }
        if (miners < 0) throw new IllegalArgumentException("cannot read a forecast for " + miners + " miners");
        long[] raw = new long[miners];
        boolean[] seen = new boolean[miners];
        for (int k = 0; k < uids.length; k++) {
            int uid = uids[k];
            int value = values[k];
            if (uid < 0 || value < 0 || value > U16Weights.MAX) {
                throw new IllegalArgumentException("cannot read a forecast entry uid " + uid + " value " + value + ": uids are >= 0 and values u16");
            }
            if (uid >= miners) continue;
            if (seen[uid]) throw new IllegalArgumentException("cannot read a forecast that names uid " + uid + " twice");
            seen[uid] = true;
            raw[uid] = value;
        }
        return Fixed.normalizeExact(raw);
    }
}
