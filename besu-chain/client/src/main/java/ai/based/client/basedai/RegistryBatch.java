package ai.based.client.basedai;

import ai.based.chain.ChainException;
import ai.based.chain.ChainNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/** Many single-value view calls to one contract in JSON-RPC batches, all read at the block current when created. */
final class RegistryBatch {
    private static final int CALLS_PER_BATCH = 256;

    private final ChainNode node;
    private final String contract;
    private final BigInteger blockNumber;
    private final DefaultBlockParameter block;

    RegistryBatch(ChainNode node, String contract) {
        this.node = node;
        this.contract = contract;
        this.blockNumber = node.blockNumber();
        this.block = DefaultBlockParameter.valueOf(blockNumber);
    }

    /** Each call's single return value, in order. */
    @SuppressWarnings("unchecked")
    <T> List<T> call(List<Function> calls) throws Exception {
        List<T> values = new ArrayList<>(calls.size());
        for (int from = 0; from < calls.size(); from += CALLS_PER_BATCH) {
            List<Function> chunk = calls.subList(from, Math.min(calls.size(), from + CALLS_PER_BATCH));
            var batch = node.web3j().newBatch();
            List<Long> ids = new ArrayList<>(chunk.size());
            for (Function f : chunk) {
                var request = node.web3j().ethCall(Transaction.createEthCallTransaction(null, contract, FunctionEncoder.encode(f)), block);
                ids.add(request.getId());
                batch.add(request);
            }
            // JSON-RPC lets a node answer a batch in any order: pair answers with calls by id.
            Map<Long, Response<?>> byId = new HashMap<>();
            for (Response<?> response : batch.send().getResponses()) byId.put(response.getId(), response);
            for (int i = 0; i < chunk.size(); i++) {
                EthCall response = (EthCall) byId.get(ids.get(i));
                if (response == null) throw new ChainException(chunk.get(i).getName() + ": the node left a batched call unanswered");
                if (response.hasError() || response.isReverted()) {
                    throw new ChainException(chunk.get(i).getName() + " failed at block " + blockNumber + ": "
                            + (response.hasError() ? response.getError().getMessage() : response.getRevertReason()));
                }
                List<Type> decoded = FunctionReturnDecoder.decode(response.getValue(), chunk.get(i).getOutputParameters());
                values.add((T) decoded.getFirst());
            }
        }
        return values;
    }
}
