package ai.based.chain.tx;

import ai.based.chain.ChainException;
import ai.based.chain.ChainNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetCode;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The one path by which a process signs and sends transactions for an account: it simulates each
 * transaction first (so a revert is reported with its decoded custom error and costs no gas), estimates gas,
 * prices it with EIP-1559 fees, keeps the nonce locally and signs for the chain id verified on connect.
 * Generated contract wrappers use it as their {@link TransactionManager}, and their calls go through
 * {@link #sendCall} so that view reverts are decoded too.
 */
public final class TxManager extends TransactionManager {
    private static final Duration RECEIPT_TIMEOUT = Duration.ofMinutes(2);
    private static final BigInteger GAS_MARGIN_PERCENT = BigInteger.valueOf(120);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    /**
     * What generated wrappers take as their gas provider. Its numbers are never used: this manager
     * estimates the gas and prices every transaction itself.
     */
    public static final ContractGasProvider WRAPPER_GAS = new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final RevertDecoder reverts;
    private BigInteger nextNonce;

    public TxManager(ChainNode node, Credentials credentials, RevertDecoder reverts) {
        super(new BackoffReceiptProcessor(node.web3j(), RECEIPT_TIMEOUT), credentials.getAddress());
        this.web3j = node.web3j();
        this.credentials = credentials;
        this.chainId = node.chainId();
        this.reverts = reverts;
    }

    public String address() {
        return credentials.getAddress();
    }

    public long chainId() {
        return chainId;
    }

    /** Sends plain ether and waits for the receipt. */
    public TransactionReceipt transfer(String to, BigInteger wei) {
        try {
            return executeTransaction(BigInteger.ZERO, BigInteger.ZERO, to, "0x", wei);
        } catch (IOException e) {
            throw new ChainException("cannot send ether to " + to + ": " + e.getMessage(), e);
        } catch (TransactionException e) {
            throw new ChainException("ether transfer to " + to + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public EthSendTransaction sendTransaction(
            BigInteger gasPrice, BigInteger gasLimit, String to, String data, BigInteger value, boolean constructor)
            throws IOException {
        return submit(to, data, value);
    }

    @Override
    public EthSendTransaction sendEIP1559Transaction(long chainId, BigInteger maxPriorityFeePerGas,
            BigInteger maxFeePerGas, BigInteger gasLimit, String to, String data, BigInteger value,
            boolean constructor) throws IOException {
        return submit(to, data, value);
    }

    @Override
    public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
        EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(address(), to, data), block).send();
        reverts.requireSuccess("call to " + to, call);
        return call.getValue();
    }

    @Override
    public EthGetCode getCode(String contractAddress, DefaultBlockParameter block) throws IOException {
        return web3j.ethGetCode(contractAddress, block).send();
    }

    private synchronized EthSendTransaction submit(String to, String data, BigInteger value) throws IOException {
        SignedTransaction tx = sign(to, data, value);
        EthSendTransaction sent = web3j.ethSendRawTransaction(tx.raw()).send();
        if (sent.hasError()) {
            nextNonce = null; // re-read from the node: the local count may be what the node refused
            throw new ChainException(describe(to) + " was refused by the node: " + sent.getError().getMessage());
        }
        return sent;
    }

    /**
     * Simulates, prices and signs a transaction without sending it, taking the next nonce. A caller that must
     * survive a crash stores the result before {@link #broadcast}: re-broadcasting the same bytes can never
     * execute twice, because they carry one nonce.
     */
    public synchronized SignedTransaction sign(String to, String data, BigInteger value) throws IOException {
        String target = to == null || to.isEmpty() ? null : to;
        BigInteger amount = value == null ? BigInteger.ZERO : value;
        Transaction simulation = Transaction.createFunctionCallTransaction(address(), null, null, null, target, amount, data);
        // eth_estimateGas runs the transaction against the latest state: it is the simulation, and a revert
        // comes back with its error data before anything is signed.
        EthEstimateGas estimate = web3j.ethEstimateGas(simulation).send();
        requireNoError(describe(to), estimate);
        BigInteger gasLimit = estimate.getAmountUsed().multiply(GAS_MARGIN_PERCENT).divide(HUNDRED);

        BigInteger tip = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
        BigInteger baseFee = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getBaseFeePerGas();
        BigInteger maxFee = baseFee.shiftLeft(1).add(tip);

        BigInteger nonce = nonce();
        RawTransaction tx = RawTransaction.createTransaction(
                chainId, nonce, gasLimit, target == null ? "" : target, amount, data, tip, maxFee);
        byte[] signed = TransactionEncoder.signMessage(tx, chainId, credentials);
        nextNonce = nonce.add(BigInteger.ONE);
        return new SignedTransaction(Numeric.toHexString(Hash.sha3(signed)), Numeric.toHexString(signed), nonce.longValueExact());
    }

    /**
     * Sends signed bytes. The node already holding them (a re-broadcast after a crash) counts as success; a nonce
     * that another transaction took is reported as {@link NonceTakenException}.
     */
    public void broadcast(SignedTransaction tx) throws IOException {
        EthSendTransaction sent = web3j.ethSendRawTransaction(tx.raw()).send();
        if (!sent.hasError()) return;
        String message = sent.getError().getMessage().toLowerCase();
        if (message.contains("already known") || message.contains("already imported")) return;
        if (message.contains("nonce too low")) {
            if (web3j.ethGetTransactionByHash(tx.hash()).send().getTransaction().isPresent()) return;
            throw new NonceTakenException(tx);
        }
        nextNonce = null;
        throw new ChainException("transaction " + tx.hash() + " was refused by the node: " + sent.getError().getMessage());
    }

    /** The receipt of a transaction, if it is mined. */
    public Optional<TransactionReceipt> receipt(String txHash) throws IOException {
        EthGetTransactionReceipt response = web3j.ethGetTransactionReceipt(txHash).send();
        if (response.hasError()) {
            throw new ChainException("cannot read the receipt of " + txHash + ": " + response.getError().getMessage());
        }
        return response.getTransactionReceipt();
    }

    private static String describe(String to) {
        return to == null || to.isEmpty() ? "contract deployment" : "transaction to " + to;
    }

    private BigInteger nonce() throws IOException {
        if (nextNonce == null) {
            nextNonce = web3j.ethGetTransactionCount(address(), DefaultBlockParameterName.PENDING)
                    .send().getTransactionCount();
        }
        return nextNonce;
    }

    private void requireNoError(String action, Response<?> response) {
        if (response.hasError()) {
            Object data = response.getError().getData();
            if (data != null) {
                throw new ContractRevertException(action, reverts.decode(RevertDecoder.revertData(data)));
            }
            throw new ChainException(action + " failed: " + response.getError().getMessage());
        }
    }
}
