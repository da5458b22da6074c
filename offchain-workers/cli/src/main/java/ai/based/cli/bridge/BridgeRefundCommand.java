package ai.based.cli.bridge;

import ai.based.bridge.BridgeMessage;
import ai.based.chain.tx.TxManager;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.client.InvalidInputException;
import ai.based.client.manifest.BridgeContracts;
import ai.based.contracts.EthereumBridge;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "refund", description = "Return the BASED of a lock whose wBASED mint failed on Ethereum, a day after the lock "
        + "(anyone may; the BASED goes back to whoever locked it, and the mint can never happen afterwards).")
public final class BridgeRefundCommand extends BaseCommand {
    @Parameters(paramLabel = "HASH", description = "the message hash 'based bridge send --to ethereum' printed")
    String hash;

    @Mixin
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        var credentials = signer.unlock(home());
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            BridgeSessions.Found found = s.find(hash, network.name());
            BridgeMessage m = found.message();
            String ethereumBridge = s.ethereum.address(BridgeContracts.ETHEREUM_BRIDGE);
            if (m.destinationChainId() != s.ethereum.node().chainId() || !m.target().equalsIgnoreCase(ethereumBridge)) {
                throw new InvalidInputException("message " + hash + " is not a lock of BASED for wBASED: only those are refunded");
            }
            if (s.ethEnd.executed(m.hash())) {
                throw new InvalidInputException("message " + hash + " was minted on Ethereum: there is nothing to refund");
            }
            if (!s.ethEnd.failed(m.hash())) {
                throw new InvalidInputException("message " + hash + " has not failed on Ethereum (yet): follow it with 'based bridge status'");
            }
            var receipt = EthereumBridge.load(ethereumBridge, s.ethereum.node().web3j(), s.ethereum.signer(credentials),
                    TxManager.WRAPPER_GAS).refundFailedMint(m.nonce(), m.data()).send();
            var event = EthereumBridge.getBridgeRefundRequestedEvents(receipt).getFirst();
            out().println("refund of transfer " + event.transferId + " requested: message " + Numeric.toHexString(event.messageHash)
                    + " returns the BASED to " + event.from + " once the relayers deliver it");
        }
    }
}
