package ai.based.cli;

/** Exit codes of the based command; scripts rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int NODE_UNAVAILABLE = 3;
    public static final int WRONG_CHAIN = 4;
    public static final int WRONG_PASSWORD = 5;
    public static final int INSUFFICIENT_FUNDS = 6;
    public static final int REFUSED = 7;
    public static final int NOT_FOUND = 8;

    private ExitCodes() {}
}
