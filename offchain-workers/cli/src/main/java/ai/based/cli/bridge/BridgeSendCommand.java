package ai.based.cli.bridge;

import ai.based.chain.tx.TxManager;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.contracts.BasedBridge;
import ai.based.contracts.EthereumBridge;
import ai.based.client.manifest.BridgeContracts;
import ai.based.client.Pepe;
import java.math.BigInteger;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "send", description = "Lock BASED for wBASED on Ethereum (--to ethereum) or burn wBASED to release BASED (--to basedai).")
public final class BridgeSendCommand extends BaseCommand {
    enum Direction { ETHEREUM, BASEDAI }

    @Option(names = "--to", required = true, description = "ETHEREUM or BASEDAI")
    Direction to;

    @Option(names = "--amount", required = true, paramLabel = "X")
    String amount;

    @Mixin
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        var credentials = signer.unlock(home());
        BigInteger units = Pepe.parse(amount);
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            var receipt = switch (to) {
                case ETHEREUM -> {
                    s.basedai.token(s.basedai.signer(credentials)).approve(s.basedai.address(BridgeContracts.BASED_BRIDGE), units).send();
                    yield BasedBridge.load(s.basedai.address(BridgeContracts.BASED_BRIDGE), s.basedai.node().web3j(),
                            s.basedai.signer(credentials), TxManager.WRAPPER_GAS).bridgeToEthereum(credentials.getAddress(), units).send();
                }
                case BASEDAI -> EthereumBridge.load(s.ethereum.address(BridgeContracts.ETHEREUM_BRIDGE), s.ethereum.node().web3j(),
                        s.ethereum.signer(credentials), TxManager.WRAPPER_GAS).bridgeToBasedAi(credentials.getAddress(), units).send();
            };
            var event = BasedBridge.getBridgeInitiatedEvents(receipt).getFirst();
            out().println("sent " + amount + " to " + to.name().toLowerCase() + "; message " + Numeric.toHexString(event.messageHash)
                    + " (follow it with 'based bridge status')");
        }
    }
}
