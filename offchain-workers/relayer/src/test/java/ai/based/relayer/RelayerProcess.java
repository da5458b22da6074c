package ai.based.relayer;

import ai.based.bridge.MessengerEnd;

import ai.based.chain.anvil.DevAccounts;
import ai.based.deployment.BridgeOptions;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A relayer in a process of its own, for the kill tests: {@code <manifest dir> <index> <store dir> <passes> [peer URL...]}.
 * It runs the given number of passes with confirmation depth 0 and exits, unless a failpoint halts it first.
 */
public final class RelayerProcess {
    private RelayerProcess() {}

    public static void main(String[] args) throws Exception {
        var manifest = new ManifestStore(Path.of(args[0])).require("test");
        int index = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[3]);
        List<URI> peers = new ArrayList<>();
        for (int i = 4; i < args.length; i++) peers.add(URI.create(args[i]));
        try (EthereumSession ethereum = EthereumSession.open(manifest); BasedSession basedai = BasedSession.open(manifest);
                RelayerService relayer = RelayerService.open(DevAccounts.account(BridgeOptions.DEVNET_RELAYER_ACCOUNTS.get(index)),
                        MessengerEnd.ethereum(ethereum), MessengerEnd.basedai(basedai), peers, new RelayerStore(Path.of(args[2])), 0,
                        Failpoints.fromEnvironment(), System.out::println)) {
            for (int i = 0; i < passes; i++) relayer.step();
        }
    }
}
