package ai.based.client.brains;

import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.client.manifest.EthereumContracts;
import ai.based.client.EthereumSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;

/** Current owners and acquisition methods of all Brains, replayed from the token's and the portal's logs. */
final class BrainOwnership {
    private final EthereumSession session;

    BrainOwnership(EthereumSession session) {
        this.session = session;
    }

    List<BrainEntry> current(Optional<String> owner) throws Exception {
        Map<Long, String> owners = new TreeMap<>();
        for (Log log : session.logs(EthereumContracts.BRAIN_NFT, EventEncoder.encode(BrainNFT.TRANSFER_EVENT))) {
            BrainNFT.TransferEventResponse transfer = BrainNFT.getTransferEventFromLog(log);
            long id = transfer.tokenId.longValueExact();
            if (BigInteger.ZERO.equals(new BigInteger(transfer.to.substring(2), 16))) {
                owners.remove(id);
            } else {
                owners.put(id, transfer.to);
            }
        }
        Map<Long, AcquisitionMethod> methods = new TreeMap<>();
        for (Log log : session.logs(EthereumContracts.BRAIN_PORTAL, EventEncoder.encode(BrainPortal.BRAINACQUIRED_EVENT))) {
            BrainPortal.BrainAcquiredEventResponse acquired = BrainPortal.getBrainAcquiredEventFromLog(log);
            methods.put(acquired.brainId.longValueExact(), AcquisitionMethod.of(acquired.method));
        }
        List<BrainEntry> entries = new ArrayList<>();
        owners.forEach((id, holder) -> {
            if (owner.isEmpty() || owner.get().equalsIgnoreCase(holder)) {
                entries.add(new BrainEntry(id, Keys.toChecksumAddress(holder), methods.getOrDefault(id, AcquisitionMethod.RESERVED)));
            }
        });
        return entries;
    }
}
