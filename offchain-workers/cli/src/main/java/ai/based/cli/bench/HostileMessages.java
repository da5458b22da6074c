package ai.based.cli.bench;

import ai.based.bridge.MessengerEnd;
import ai.based.chain.ChainException;
import ai.based.chain.ChainNode;
import ai.based.chain.anvil.DevnetClock;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;

/**
 * The hostile bridge messages of issue 14, for a benchmark on a throwaway devnet: targets that return a memory bomb,
 * burn all their gas, or revert with 64 KiB, installed with anvil_setCode, and messages sent to them straight through
 * the messenger as any account may.
 */
final class HostileMessages {
    /** Grows memory while more than 5,000 gas is left, then returns all of it. */
    private static final String RETURN_BOMB = "0x5b6113885a11600d57596000f35b60015952600056";
    /** INVALID: consumes all the gas it is given. */
    private static final String GUZZLER = "0xfe";
    /** Reverts with 64 KiB of revert data. */
    private static final String HUGE_REVERT = "0x620100006000fd";
    static final List<String> TARGETS = List.of("0x00000000000000000000000000000000000b0b00", "0x0000000000000000000000000000000000000fe0",
            "0x00000000000000000000000000000000000dead0");

    private HostileMessages() {}

    /** Installs the three targets on a devnet node (anvil only). */
    static void install(ChainNode node) {
        List<String> code = List.of(RETURN_BOMB, GUZZLER, HUGE_REVERT);
        for (int i = 0; i < TARGETS.size(); i++) {
            try {
                var response = new Request<>("anvil_setCode", List.of(TARGETS.get(i), code.get(i)), new HttpService(node.rpcUrl()),
                        DevnetClock.GenericResponse.class).send();
                if (response.hasError()) throw new ChainException("cannot install a hostile target: " + response.getError().getMessage());
            } catch (IOException e) {
                throw ChainException.unreachable(node.rpcUrl(), e);
            }
        }
    }

    /** Sends the {@code n}-th hostile message (targets in turn) from {@code attacker}; returns its hash. */
    static byte[] send(MessengerEnd source, Credentials attacker, int n, long gasLimit) throws Exception {
        var receipt = source.contract(source.session().signer(attacker)).sendMessage(TARGETS.get(n % TARGETS.size()), new byte[] {1},
                BigInteger.valueOf(gasLimit), BigInteger.ZERO).send();
        long block = receipt.getBlockNumber().longValueExact();
        return source.sent(block, block).getLast().hash();
    }
}
