package ai.based.relayer;

import ai.based.chain.tx.TxManager;
import ai.based.contracts.BrainMirror;
import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.client.manifest.BridgeContracts;
import ai.based.client.manifest.EthereumContracts;
import ai.based.client.ChainSession;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Turns confirmed Brain events on Ethereum (BrainNFT transfers, which include acquisition and deactivation, and
 * BrainPortal wallet links) into BrainMirror messages, so the BasedAI registry follows ownership without anyone
 * asking. A changed Brain becomes a duty in the store together with the cursor move; the relayer whose rank is the
 * Brain number modulo the set size calls sync, the others after {@link RelayerService#TAKEOVER_PASSES} passes. A duty
 * ends once a BrainMirrored event at or after the change is seen; a second sync would be harmless (it reads state).
 */
final class BrainWatcher {
    private static final String CURSOR = "brains";

    private final ChainSession ethereum;
    private final RelayerStore store;
    private final TxManager signer;
    private final Consumer<String> log;
    private final Map<Long, Integer> passes = new HashMap<>();

    BrainWatcher(ChainSession ethereum, RelayerStore store, TxManager signer, Consumer<String> log) {
        this.ethereum = ethereum;
        this.store = store;
        this.signer = signer;
        this.log = log;
    }

    void step(long confirmations, int rank, int members) throws Exception {
        if (ethereum.deployment().contracts().get(BridgeContracts.BRAIN_MIRROR) == null) return;
        long safe = ethereum.node().blockNumber().longValueExact() - confirmations;
        long cursor = store.cursor(CURSOR);
        if (cursor < 0) cursor = ethereum.deployment().deployedAtBlock() - 1;
        if (safe > cursor) {
            Map<Long, Long> changed = new HashMap<>();
            for (Log l : ethereum.logs(EthereumContracts.BRAIN_NFT, EventEncoder.encode(BrainNFT.TRANSFER_EVENT), cursor + 1, safe)) {
                changed.merge(Numeric.toBigInt(l.getTopics().get(3)).longValueExact(), l.getBlockNumber().longValueExact(), Math::min);
            }
            for (Log l : ethereum.logs(EthereumContracts.BRAIN_PORTAL, EventEncoder.encode(BrainPortal.BASEDWALLETLINKED_EVENT),
                    cursor + 1, safe)) {
                changed.merge(Numeric.toBigInt(l.getTopics().get(1)).longValueExact(), l.getBlockNumber().longValueExact(), Math::min);
            }
            store.advanceBrains(CURSOR, safe, changed);
        }
        for (var duty : store.brainDuties().entrySet()) {
            long brain = duty.getKey();
            if (mirroredSince(brain, duty.getValue())) {
                store.brainMirrored(brain);
                passes.remove(brain);
                continue;
            }
            boolean designated = members > 0 && brain % members == rank;
            if (!designated && passes.merge(brain, 1, Integer::sum) <= RelayerService.TAKEOVER_PASSES) continue;
            BrainMirror.load(ethereum.address(BridgeContracts.BRAIN_MIRROR), ethereum.node().web3j(), signer, TxManager.WRAPPER_GAS)
                    .sync(BigInteger.valueOf(brain)).send();
            store.brainMirrored(brain);
            passes.remove(brain);
            log.accept("mirrored Brain #" + brain + " to the BasedAI chain");
        }
    }

    private boolean mirroredSince(long brain, long block) throws Exception {
        String topic = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(brain), 64);
        return ethereum.logs(BridgeContracts.BRAIN_MIRROR, EventEncoder.encode(BrainMirror.BRAINMIRRORED_EVENT), block,
                ethereum.node().blockNumber().longValueExact()).stream().anyMatch(l -> l.getTopics().get(1).equalsIgnoreCase(topic));
    }
}
