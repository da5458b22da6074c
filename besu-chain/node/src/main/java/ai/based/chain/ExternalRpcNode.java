package ai.based.chain;

import org.web3j.protocol.Web3j;

/** A node this process did not start (Besu, Geth, a mainnet provider), checked for its chain id on connect. */
public final class ExternalRpcNode implements ChainNode {
    private final String rpcUrl;
    private final long chainId;
    private final Web3j web3j;

    private ExternalRpcNode(String rpcUrl, long chainId, Web3j web3j) {
        this.rpcUrl = rpcUrl;
        this.chainId = chainId;
        this.web3j = web3j;
    }

    /**
     * Connects and verifies the chain id: a transaction signed for the wrong chain id is dropped
     * silently by some nodes, so a mismatch is refused here, before anything is signed.
     */
    public static ExternalRpcNode connect(String rpcUrl, long expectedChainId) {
        Web3j web3j = Rpc.connect(rpcUrl);
        try {
            long actual = Rpc.chainId(web3j, rpcUrl);
            if (actual != expectedChainId) {
                throw ChainException.wrongChain(rpcUrl, expectedChainId, actual);
            }
            return new ExternalRpcNode(rpcUrl, actual, web3j);
        } catch (RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
    }

    @Override
    public long chainId() {
        return chainId;
    }

    @Override
    public String rpcUrl() {
        return rpcUrl;
    }

    @Override
    public Web3j web3j() {
        return web3j;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
