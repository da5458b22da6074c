package ai.based.oracle.enforcer;

import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.contracts.EnforcerForecasts;

/** The check a TFT Enforcer makes before it starts: its wallet must hold ENFORCER_ROLE, or every post would be refused. */
public final class EnforcerAccess {
    private EnforcerAccess() {}

    public static void requireRole(BasedSession session, String account) throws Exception {
        EnforcerForecasts contract = session.forecasts(session.reader());
        if (!contract.hasRole(contract.ENFORCER_ROLE().send(), account).send()) {
            throw new InvalidInputException("wallet " + account + " lacks ENFORCER_ROLE on EnforcerForecasts, so its forecasts would be "
                    + "refused: use the enforcer's wallet (on the devnet, Brain #2's owner) or have governance grant the role");
        }
    }
}
