package ai.based.cli.basedai;

import ai.based.cli.BaseCommand;
import ai.based.cli.DevnetKeys;
import ai.based.cli.NetworkOptions;
import ai.based.runtime.BasedSession;
import ai.based.runtime.EthereumSession;
import ai.based.runtime.basedai.BrainSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sync", description = "Mirror Brain N's Ethereum owner and acquisition into the BasedAI registry "
        + "(the administrator's feed until the bridge lands; devnet).")
public final class BrainSyncCommand extends BaseCommand {
    @Parameters(paramLabel = "N")
    long brainId;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        var manifest = network.manifest(home());
        try (EthereumSession ethereum = EthereumSession.open(manifest); BasedSession basedai = BasedSession.open(manifest)) {
            BrainSync.sync(ethereum, basedai, DevnetKeys.administrator(network), brainId);
            var brain = basedai.registry(basedai.reader()).brain(java.math.BigInteger.valueOf(brainId)).send();
            out().println("Brain #" + brainId + " on BasedAI: owner " + brain.owner + (brain.active ? "" : " (inactive)"));
        }
    }
}
