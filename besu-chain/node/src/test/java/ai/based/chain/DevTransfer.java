package ai.based.chain;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * A plain value transfer signed with web3j's own transaction manager, so that the node layer's tests change chain
 * state without depending on the client layer's TxManager.
 */
public final class DevTransfer {
    private DevTransfer() {}

    public static void send(ChainNode node, Credentials from, String to, BigInteger wei) throws Exception {
        var manager = new RawTransactionManager(node.web3j(), from, node.chainId());
        new Transfer(node.web3j(), manager).sendFunds(to, new java.math.BigDecimal(wei), Convert.Unit.WEI).send();
    }
}
