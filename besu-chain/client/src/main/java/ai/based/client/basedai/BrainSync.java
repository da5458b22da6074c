package ai.based.client.basedai;

import ai.based.chain.tx.TxManager;
import ai.based.contracts.BrainMirror;
import ai.based.client.manifest.BridgeContracts;
import ai.based.client.EthereumSession;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;

/**
 * Sends a Brain's Ethereum state (owner or linked BasedAI wallet, how and when acquired, whether it exists) to the
 * BasedAI registry through the bridge's BrainMirror. Anyone may: the mirror reads the state itself, so the caller
 * only pays the gas. Relayers deliver the message; they also send one on their own for every confirmed transfer,
 * deactivation and wallet link.
 */
public final class BrainSync {
    private BrainSync() {}

    /** Returns the bridge message hash. */
    public static byte[] mirror(EthereumSession ethereum, Credentials caller, long brainId) throws Exception {
        var receipt = BrainMirror.load(ethereum.address(BridgeContracts.BRAIN_MIRROR), ethereum.node().web3j(), ethereum.signer(caller),
                TxManager.WRAPPER_GAS).sync(BigInteger.valueOf(brainId)).send();
        return BrainMirror.getBrainMirroredEvents(receipt).getFirst().messageHash;
    }
}
