package ai.based.cli.bridge;

import ai.based.chain.tx.TxManager;
import ai.based.cli.BaseCommand;
import ai.based.cli.Converters;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.client.InsufficientFundsException;
import ai.based.client.InvalidInputException;
import ai.based.client.Pepe;
import ai.based.client.manifest.BridgeContracts;
import ai.based.contracts.BasedBridge;
import ai.based.contracts.EthereumBridge;
import ai.based.contracts.WrappedBased;
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

    @Option(names = "--amount", required = true, paramLabel = "X", converter = Converters.PositiveAmount.class)
    String amount;

    @Mixin
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        BigInteger units = Pepe.parsePositive(amount);
        var credentials = signer.unlock(home());
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            var receipt = switch (to) {
                case ETHEREUM -> {
                    BasedBridge bridge = BasedBridge.load(s.basedai.address(BridgeContracts.BASED_BRIDGE), s.basedai.node().web3j(),
                            s.basedai.signer(credentials), TxManager.WRAPPER_GAS);
                    requireWithinMintLimit(units, bridge.MINT_LIMIT().send());
                    requireBalance(s.basedai.token(s.basedai.reader()).balanceOf(credentials.getAddress()).send(), units, "BASED");
                    s.basedai.token(s.basedai.signer(credentials)).approve(bridge.getContractAddress(), units).send();
                    yield bridge.bridgeToEthereum(credentials.getAddress(), units).send();
                }
                case BASEDAI -> {
                    var wrapped = WrappedBased.load(s.ethereum.address(BridgeContracts.WRAPPED_BASED), s.ethereum.node().web3j(),
                            s.ethereum.reader(), TxManager.WRAPPER_GAS);
                    requireBalance(wrapped.balanceOf(credentials.getAddress()).send(), units, "wBASED");
                    yield EthereumBridge.load(s.ethereum.address(BridgeContracts.ETHEREUM_BRIDGE), s.ethereum.node().web3j(),
                            s.ethereum.signer(credentials), TxManager.WRAPPER_GAS).bridgeToBasedAi(credentials.getAddress(), units).send();
                }
            };
            var event = BasedBridge.getBridgeInitiatedEvents(receipt).getFirst();
            out().println("sent " + amount + " to " + to.name().toLowerCase() + "; message " + Numeric.toHexString(event.messageHash)
                    + " (follow it with 'based bridge status'; should its mint fail, 'based bridge refund' returns it after a day)");
        }
    }

    /** Ethereum mints at most its hourly limit: a larger lock could never be minted, so it is refused here first. */
    static void requireWithinMintLimit(BigInteger units, BigInteger mintLimit) {
        if (units.compareTo(mintLimit) > 0) {
            throw new InvalidInputException("cannot send " + Pepe.format(units) + " BASED in one transfer: the Ethereum bridge mints at most "
                    + Pepe.format(mintLimit) + " BASED per hour; send it in transfers of at most that");
        }
    }

    static void requireBalance(BigInteger balance, BigInteger units, String token) {
        if (balance.compareTo(units) < 0) {
            throw new InsufficientFundsException("cannot send " + Pepe.format(units) + " " + token + ": the wallet holds "
                    + Pepe.format(balance) + " " + token);
        }
    }
}
