package ai.based.relayer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.bridge.BridgeMessage;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches are cut by the messages' own gas limits and by count. */
class BatchAssemblerTest {
    private static BatchAssembler.Ready message(int nonce, long gasLimit) {
        return message(nonce, gasLimit, 0);
    }

    private static BatchAssembler.Ready message(int nonce, long gasLimit, int dataBytes) {
        return new BatchAssembler.Ready(new BridgeMessage(BigInteger.valueOf(nonce).toByteArray(), 32323, 1337,
                BigInteger.valueOf(nonce), "0x" + "11".repeat(20), "0x" + "22".repeat(20), BigInteger.ZERO, gasLimit,
                new byte[dataBytes], 1), List.of());
    }

    @Test
    void messagesWithLargeDataAreCutSoThatEveryRelayTransactionFitsANodesSizeLimit() {
        // 32 KB each, the messenger's cap: a batch of many would pass the 128 KB a node accepts in one transaction
        List<BatchAssembler.Ready> large = IntStream.range(0, 7).mapToObj(i -> message(i, 100_000, 32 * 1024)).toList();
        List<List<BatchAssembler.Ready>> batches = BatchAssembler.plan(large);
        assertThat(batches).extracting(List::size).containsExactly(2, 2, 2, 1);
        for (var batch : batches) {
            assertThat(batch.stream().mapToLong(r -> BatchAssembler.calldataBytes(r.message())).sum())
                    .isLessThanOrEqualTo(BatchAssembler.BATCH_CALLDATA_BUDGET);
        }
    }

    @Test
    void guzzlersAskingForTheMostGasGoAtMostFourToABatch() {
        List<BatchAssembler.Ready> guzzlers = IntStream.range(0, 9).mapToObj(i -> message(i, 5_000_000)).toList();
        List<List<BatchAssembler.Ready>> batches = BatchAssembler.plan(guzzlers);
        assertThat(batches).extracting(List::size).containsExactly(4, 4, 1);
        for (var batch : batches) {
            assertThat(batch.stream().mapToLong(r -> BatchAssembler.relayGas(r.message())).sum())
                    .isLessThanOrEqualTo(BatchAssembler.BATCH_GAS_BUDGET);
        }
    }

    @Test
    void smallMessagesAreCutByCountAndOrderIsKept() {
        List<BatchAssembler.Ready> small = IntStream.range(0, 150).mapToObj(i -> message(i, 100_000)).toList();
        List<List<BatchAssembler.Ready>> batches = BatchAssembler.plan(small);
        assertThat(batches).extracting(List::size).containsExactly(BatchAssembler.MAX_BATCH, 50);
        assertThat(batches.get(1).getFirst().message().nonce()).isEqualTo(100);
    }

    @Test
    void oneMessageAboveTheBudgetStillGoesAlone() {
        assertThat(BatchAssembler.plan(List.of(message(0, 300_000), message(1, 30_000_000), message(2, 300_000))))
                .extracting(List::size).containsExactly(1, 1, 1);
    }

    @Test
    void aQuarantinedMessageGoesAloneUntilItRelays() {
        List<String> lines = new java.util.ArrayList<>();
        BatchAssembler assembler = new BatchAssembler(lines::add);
        BatchAssembler.Ready a = message(1, 300_000);
        BatchAssembler.Ready stuck = message(2, 300_000);
        BatchAssembler.Ready b = message(3, 300_000);
        assembler.quarantine(stuck, new IllegalStateException("EnforcedPause"));
        assembler.quarantine(stuck, new IllegalStateException("EnforcedPause"));
        assertThat(lines).as("logged once").hasSize(1).first().asString().contains("quarantined", "EnforcedPause");
        assertThat(assembler.quarantined()).isEqualTo(1);
        assertThat(assembler.assemble(List.of(a, stuck, b))).containsExactly(List.of(a, b), List.of(stuck));
        assembler.relayed(List.of(stuck));
        assertThat(assembler.quarantined()).isZero();
        assertThat(assembler.assemble(List.of(a, stuck, b))).containsExactly(List.of(a, stuck, b));
    }
}
