package ai.based.cli.portal;

import ai.based.cli.BaseCommand;
import picocli.CommandLine.Command;

@Command(name = "stop", description = "Stop the portal that 'based demo' left running in the background.")
public final class PortalStopCommand extends BaseCommand {
    @Override
    protected void run() throws Exception {
        BackgroundPortal portal = new BackgroundPortal(home());
        if (!portal.stop(line -> out().println(line))) out().println("no portal was running");
    }
}
