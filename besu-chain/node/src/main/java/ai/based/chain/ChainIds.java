package ai.based.chain;

/** Chain ids of the two devnets (DESIGN.md §2). */
public final class ChainIds {
    public static final long ETHEREUM_DEVNET = 1337;
    public static final long BASEDAI_DEVNET = 32323;

    private ChainIds() {}
}
