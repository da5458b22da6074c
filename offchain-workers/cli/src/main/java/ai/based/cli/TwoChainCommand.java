package ai.based.cli;

import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import picocli.CommandLine.Mixin;

/** A command that works on both chains of a deployment chosen with --network (bridge-borne actions). */
public abstract class TwoChainCommand extends BaseCommand {
    @Mixin
    protected NetworkOptions network;

    @Override
    protected final void run() throws Exception {
        var manifest = network.manifest(home());
        try (EthereumSession ethereum = EthereumSession.open(manifest); BasedSession basedai = BasedSession.open(manifest)) {
            run(ethereum, basedai);
        }
    }

    protected abstract void run(EthereumSession ethereum, BasedSession basedai) throws Exception;
}
