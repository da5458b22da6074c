package ai.based.bridge;

import ai.based.chain.anvil.DevnetClock;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Contracts an attacker points bridge messages at, installed with anvil_setCode on the destination devnet, and the raw
 * sendMessage an attacker calls on the source messenger.
 */
public final class HostileTargets {
    /** Grows memory while more than 5,000 gas is left, then returns all of it (the runtime from issue 14). */
    public static final String RETURN_BOMB = "0x5b6113885a11600d57596000f35b60015952600056";
    /** INVALID: consumes every bit of gas it is given. */
    public static final String GUZZLER = "0xfe";
    /** Reverts with 64 KiB of revert data. */
    public static final String HUGE_REVERT = "0x620100006000fd";

    public static final String BOMB_ADDRESS = "0x00000000000000000000000000000000000b0b00";
    public static final String GUZZLER_ADDRESS = "0x0000000000000000000000000000000000000fe0";
    public static final String REVERTER_ADDRESS = "0x00000000000000000000000000000000000dead0";

    private HostileTargets() {}

    /** Installs the three hostile contracts on the node at {@code rpcUrl}. */
    public static void install(String rpcUrl) throws Exception {
        setCode(rpcUrl, BOMB_ADDRESS, RETURN_BOMB);
        setCode(rpcUrl, GUZZLER_ADDRESS, GUZZLER);
        setCode(rpcUrl, REVERTER_ADDRESS, HUGE_REVERT);
    }

    private static void setCode(String rpcUrl, String address, String code) throws Exception {
        var response = new Request<>("anvil_setCode", List.of(address, code), new HttpService(rpcUrl),
                DevnetClock.GenericResponse.class).send();
        if (response.hasError()) throw new IllegalStateException("anvil_setCode: " + response.getError().getMessage());
    }

    /** Sends a message straight through the source messenger, as any account may. */
    public static BridgeMessage send(MessengerEnd source, Credentials attacker, String target, long gasLimit) throws Exception {
        var receipt = source.contract(source.session().signer(attacker))
                .sendMessage(target, Numeric.hexStringToByteArray("0xdeadbeef"), BigInteger.valueOf(gasLimit), BigInteger.ZERO).send();
        long block = receipt.getBlockNumber().longValueExact();
        return source.sent(block, block).getLast();
    }
}
