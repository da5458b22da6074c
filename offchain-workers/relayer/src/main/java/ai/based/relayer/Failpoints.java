package ai.based.relayer;

/**
 * Named points at which a relayer can be made to die as if by {@code kill -9} (the JVM halts: no shutdown hooks,
 * no store close), so the fault tests can stop it exactly between two durable steps. Off unless the system property
 * {@code based.relayer.failpoint} or the environment variable {@code BASED_RELAYER_FAILPOINT} names a point.
 */
public final class Failpoints {
    /** After a relay transaction is signed and stored, before it is broadcast. */
    public static final String AFTER_SIGN = "after-sign";
    /** After a relay transaction is broadcast, before its receipt is read. */
    public static final String AFTER_SUBMIT = "after-submit";

    private static final int KILLED = 137;
    private final String armed;

    private Failpoints(String armed) {
        this.armed = armed;
    }

    public static Failpoints none() {
        return new Failpoints(null);
    }

    public static Failpoints fromEnvironment() {
        String armed = System.getProperty("based.relayer.failpoint", System.getenv("BASED_RELAYER_FAILPOINT"));
        return new Failpoints(armed == null || armed.isBlank() ? null : armed.strip());
    }

    void hit(String point) {
        if (point.equals(armed)) {
            System.err.println("failpoint " + point + ": halting");
            System.err.flush();
            Runtime.getRuntime().halt(KILLED);
        }
    }
}
