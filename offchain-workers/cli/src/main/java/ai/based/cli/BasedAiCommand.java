package ai.based.cli;

import ai.based.client.BasedSession;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/** A command that works on the BasedAI side of a deployment chosen with --network. */
public abstract class BasedAiCommand extends BaseCommand {
    @Mixin
    protected NetworkOptions network;

    @Override
    protected final void run() throws Exception {
        try (BasedSession session = BasedSession.open(network.manifest(home()))) {
            run(session);
        }
    }

    protected abstract void run(BasedSession session) throws Exception;

    /** Where the oracle publishes, and claimants read, each epoch's rewards. */
    protected Path rewardsDir() {
        return home().root().resolve("epochs").resolve(network.name());
    }
}
