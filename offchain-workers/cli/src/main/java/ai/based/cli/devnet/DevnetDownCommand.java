package ai.based.cli.devnet;

import ai.based.cli.BaseCommand;
import ai.based.cli.portal.BackgroundPortal;
import ai.based.chain.devnet.DevnetChain;
import ai.based.chain.devnet.DevnetManager;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "down", description = "Stop both devnets (their state is saved for the next 'up') and the portal the demo left running.")
public final class DevnetDownCommand extends BaseCommand {
    @Override
    protected void run() throws Exception {
        new BackgroundPortal(home()).stop(line -> out().println(line));
        DevnetManager devnet = new DevnetManager(home().devnet());
        List<DevnetChain> stopped = devnet.down(progress());
        out().println(stopped.isEmpty() ? "no devnet was running" : "stopped " + stopped.size()
                + " devnet node(s); state saved in " + devnet.dataDir());
    }
}
