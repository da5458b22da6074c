package ai.based.runtime.basedai;

import ai.based.runtime.BasedSession;
import ai.based.runtime.EthereumSession;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Copies a Brain's Ethereum state (owner, how and when acquired, whether it exists) into the BasedAI chain's
 * registry. This is the BRIDGE_ROLE feed that stands in until the bridge relayers take the role over.
 */
public final class BrainSync {
    private static final String NOBODY = "0x0000000000000000000000000000000000000000";

    private BrainSync() {}

    public static TransactionReceipt sync(EthereumSession ethereum, BasedSession basedai, Credentials feeder, long brainId)
            throws Exception {
        BigInteger id = BigInteger.valueOf(brainId);
        var brains = ethereum.brains(ethereum.reader());
        String owner;
        BigInteger method = BigInteger.ZERO;
        BigInteger acquiredAt = BigInteger.ZERO;
        boolean active = true;
        try {
            owner = brains.ownerOf(id).send();
            var acquisition = brains.acquisitionOf(id).send();
            method = acquisition.component1();
            acquiredAt = acquisition.component2();
        } catch (ai.based.chain.tx.ContractRevertException gone) {
            owner = NOBODY;
            active = false;
        }
        return basedai.registry(basedai.signer(feeder)).syncBrain(id, owner, method, acquiredAt, active).send();
    }
}
