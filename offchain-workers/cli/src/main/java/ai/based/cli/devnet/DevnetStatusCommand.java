package ai.based.cli.devnet;

import ai.based.cli.BaseCommand;
import ai.based.chain.devnet.DevnetManager;
import ai.based.chain.devnet.NodeStatus;
import ai.based.client.manifest.ManifestStore;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Show chain ids, RPC URLs, block heights and the deployment manifest in use.")
public final class DevnetStatusCommand extends BaseCommand {
    @Override
    protected void run() {
        DevnetManager devnet = new DevnetManager(home().devnet());
        for (NodeStatus status : devnet.status()) {
            out().printf("%-9s chain %-6d %s%n", status.chain().key(), status.chain().chainId(),
                    status.answering()
                            ? "up at " + status.node().orElseThrow().rpcUrl() + ", block " + status.height().orElseThrow()
                                    + " (" + status.node().orElseThrow().blockMode() + ")"
                            : "down");
        }
        ManifestStore manifests = new ManifestStore(home().deployments());
        out().println("manifest: " + manifests.read("devnet")
                .map(m -> manifests.file("devnet") + " " + m.ethereum().contracts())
                .orElse("none (run 'based deploy')"));
    }
}
