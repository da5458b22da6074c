package ai.based.cli.brains;

import ai.based.cli.EthereumCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import ai.based.client.brains.Acquired;
import ai.based.client.brains.AcquisitionMethod;
import ai.based.client.brains.BrainClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "acquire", description = "Acquire a Brain by burning PEPE (transferable) or staking 100,000 PEPE for 90 days.")
public final class BrainsAcquireCommand extends EthereumCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Method method;

    static final class Method {
        @Option(names = "--burn", description = "burn 1,000 PEPE + 200 per Brain already issued by burn")
        boolean burn;

        @Option(names = "--stake", description = "lock 100,000 PEPE for 90 days")
        boolean stake;
    }

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(EthereumSession session) throws Exception {
        AcquisitionMethod how = method.burn ? AcquisitionMethod.BURN : AcquisitionMethod.STAKE;
        Acquired brain = new BrainClient(session).acquire(signer.unlock(home()), how, progress());
        out().println("acquired Brain #" + brain.brainId() + " by " + how.label() + " for "
                + Pepe.format(brain.pepe()) + " PEPE (gas " + brain.gasUsed() + ", tx " + brain.txHash() + ")");
    }
}
