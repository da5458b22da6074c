package ai.based.journeys;

/**
 * What the demo's one epoch pays, worked out by hand from the whitepaper's rules (not from the code that computes it):
 * year one pays 10 BASED a block and an epoch is 360 blocks, so 3,600 BASED. Brain #7 is the only Brain with stake,
 * so it takes all of it: 25% to its owner (900), and of the nodes' 75% the default 50:50 ratio gives the miner 1,350
 * and the validators 1,350. The validator stakes 500 on itself and the owner delegates 1,000 to it: the validator
 * earns its own third (450) plus its 18% take on the delegated two thirds (0.18 x 900 = 162), 612 in all; the owner
 * gets the other 82% of the delegated part (738) on top of its 900, 1,638 in all.
 */
final class DemoEpoch {
    private static final long EMISSION = 10 * 360;
    private static final long OWNER_CUT = EMISSION / 4;
    private static final long NODES = EMISSION - OWNER_CUT;
    private static final long VALIDATORS = NODES / 2;
    private static final long SELF_STAKE = 500;
    private static final long DELEGATED = 1_000;
    private static final long DELEGATED_PART = VALIDATORS * DELEGATED / (SELF_STAKE + DELEGATED);
    private static final long TAKE = DELEGATED_PART * 18 / 100;

    static final String MINER = format(NODES - VALIDATORS);
    static final String VALIDATOR = format(VALIDATORS - DELEGATED_PART + TAKE);
    static final String OWNER = format(OWNER_CUT + DELEGATED_PART - TAKE);

    private DemoEpoch() {}

    private static String format(long based) {
        return String.format("%,d", based);
    }
}
