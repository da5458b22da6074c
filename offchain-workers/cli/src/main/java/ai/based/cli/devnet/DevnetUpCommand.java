package ai.based.cli.devnet;

import ai.based.cli.BaseCommand;
import ai.based.chain.devnet.DevnetManager;
import ai.based.chain.devnet.DevnetMode;
import ai.based.chain.devnet.RunningNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", description = "Start both devnets in the background, resuming their saved state.")
public final class DevnetUpCommand extends BaseCommand {
    @Option(names = "--mode", defaultValue = "FAST",
            description = "FAST: every chain mines per transaction; REAL_TIME: BasedAI mines every 10 s (default: ${DEFAULT-VALUE})")
    DevnetMode mode;

    @Override
    protected void run() {
        DevnetManager devnet = new DevnetManager(home().devnet());
        for (RunningNode node : devnet.up(mode, progress())) {
            out().printf("%-9s chain %-6d %s (%s, pid %d)%n", node.chain(), node.chainId(), node.rpcUrl(),
                    node.blockMode(), node.pid());
        }
        out().println("state is kept in " + devnet.dataDir() + "; stop with 'based devnet down'");
    }
}
