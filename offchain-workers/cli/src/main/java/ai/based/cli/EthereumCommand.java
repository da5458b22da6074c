package ai.based.cli;

import ai.based.client.EthereumSession;
import picocli.CommandLine.Mixin;

/** A command that works on the Ethereum side of a deployment chosen with --network. */
public abstract class EthereumCommand extends BaseCommand {
    @Mixin
    protected NetworkOptions network;

    @Override
    protected final void run() throws Exception {
        try (EthereumSession session = EthereumSession.open(network.manifest(home()))) {
            run(session);
        }
    }

    protected abstract void run(EthereumSession session) throws Exception;
}
