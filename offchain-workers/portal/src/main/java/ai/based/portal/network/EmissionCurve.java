package ai.based.portal.network;

import ai.based.protocol.Economics;
import ai.based.protocol.EmissionSchedule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * The whitepaper's Table 2 (DESIGN §5): 10 BASED per block in year 1, halving yearly, one point per year with the
 * year's emission and the running total, and where the chain is now (its year, block reward and how far into the
 * year). Amounts are decimal strings of base units (18 decimals): they do not fit a JavaScript number.
 */
final class EmissionCurve {
    static final int MAX_YEARS = 64;

    private EmissionCurve() {}

    static JsonObject of(int years, long genesisBlock, long head) {
        if (years < 1 || years > MAX_YEARS) throw new BadQueryException("years must be from 1 to " + MAX_YEARS + ", not " + years);
        JsonArray points = new JsonArray();
        BigInteger cumulative = BigInteger.ZERO;
        for (int year = 1; year <= years; year++) {
            BigInteger emission = EmissionSchedule.yearEmission(year);
            cumulative = cumulative.add(emission);
            points.add(new JsonObject().put("year", year).put("blockReward", EmissionSchedule.blockReward(year).toString())
                    .put("emission", emission.toString()).put("cumulative", cumulative.toString()));
        }
        long sinceGenesis = Math.max(0, head - genesisBlock);
        int year = (int) Math.min(Integer.MAX_VALUE, sinceGenesis / Economics.BLOCKS_PER_YEAR + 1);
        double intoYear = (double) (sinceGenesis % Economics.BLOCKS_PER_YEAR) / Economics.BLOCKS_PER_YEAR;
        BigInteger emittedSoFar = emittedUpTo(sinceGenesis);
        return new JsonObject()
                .put("genesisBlock", genesisBlock)
                .put("head", head)
                .put("blocksPerYear", Economics.BLOCKS_PER_YEAR)
                .put("epochBlocks", Economics.EPOCH_BLOCKS)
                .put("now", new JsonObject().put("year", year).put("fractionOfYear", intoYear)
                        .put("blockReward", EmissionSchedule.blockReward(year).toString())
                        .put("epoch", sinceGenesis / Economics.EPOCH_BLOCKS)
                        .put("emittedSoFar", emittedSoFar.toString()))
                .put("points", points);
    }

    /** Emission scheduled for the first {@code blocks} blocks after genesis. */
    static BigInteger emittedUpTo(long blocks) {
        BigInteger total = BigInteger.ZERO;
        long fullYears = blocks / Economics.BLOCKS_PER_YEAR;
        for (int year = 1; year <= Math.min(fullYears, MAX_YEARS); year++) total = total.add(EmissionSchedule.yearEmission(year));
        if (fullYears < MAX_YEARS) {
            long rest = blocks % Economics.BLOCKS_PER_YEAR;
            total = total.add(EmissionSchedule.blockReward((int) fullYears + 1).multiply(BigInteger.valueOf(rest)));
        }
        return total;
    }
}
