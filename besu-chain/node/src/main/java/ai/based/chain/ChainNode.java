package ai.based.chain;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;

/**
 * A chain reached over Ethereum JSON-RPC: an embedded Anvil devnet or any external endpoint. Callers
 * only see the RPC URL, the verified chain id and a web3j client, so every client plugs in the same way.
 */
public interface ChainNode extends AutoCloseable {

    long chainId();

    String rpcUrl();

    Web3j web3j();

    default BigInteger blockNumber() {
        try {
            return web3j().ethBlockNumber().send().getBlockNumber();
        } catch (IOException e) {
            throw ChainException.unreachable(rpcUrl(), e);
        }
    }

    /** Stops what this object started; an external endpoint only closes its client. Idempotent. */
    @Override
    void close();
}
