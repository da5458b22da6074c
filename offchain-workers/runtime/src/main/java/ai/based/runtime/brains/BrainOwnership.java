package ai.based.runtime.brains;

import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.runtime.EthereumSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** Current owners and acquisition methods of all Brains, replayed from the token's and the portal's logs. */
final class BrainOwnership {
    private final EthereumSession session;

    BrainOwnership(EthereumSession session) {
        this.session = session;
    }

    List<BrainEntry> current(Optional<String> owner) throws Exception {
        Map<Long, String> owners = new TreeMap<>();
        for (Log log : logs(session.brains(session.reader()).getContractAddress(), EventEncoder.encode(BrainNFT.TRANSFER_EVENT))) {
            BrainNFT.TransferEventResponse transfer = BrainNFT.getTransferEventFromLog(log);
            long id = transfer.tokenId.longValueExact();
            if (BigInteger.ZERO.equals(new BigInteger(transfer.to.substring(2), 16))) {
                owners.remove(id);
            } else {
                owners.put(id, transfer.to);
            }
        }
        Map<Long, AcquisitionMethod> methods = new TreeMap<>();
        for (Log log : logs(session.portal(session.reader()).getContractAddress(), EventEncoder.encode(BrainPortal.BRAINACQUIRED_EVENT))) {
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

    private List<Log> logs(String address, String topic) throws Exception {
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(session.deployment().deployedAtBlock())),
                DefaultBlockParameterName.LATEST, address);
        filter.addSingleTopic(topic);
        EthLog response = session.node().web3j().ethGetLogs(filter).send();
        if (response.hasError()) {
            throw new IllegalStateException("cannot read the logs of " + address + ": " + response.getError().getMessage());
        }
        List<Log> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : response.getLogs()) {
            logs.add((Log) result.get());
        }
        return logs;
    }
}
