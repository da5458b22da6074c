package ai.based.oracle.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.protocol.consensus.U16Weights;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pass logic against an in-memory chain (the chain reading itself is ChainEpochSource's, tested on a devnet). */
class EnforcerWorkerTest {
    private static final long BRAIN = 5;
    private static final long ONE_MINER = 6;
    private static final long EMPTY = 7;
    private static final long BROKEN = 8;

    /** Brains whose validators reveal weights following each miner's periodic contribution; Brain 8 has an epoch without reveals and one without block times. */
    static final class FakeChain implements EpochSource {
        long epoch = 20;
        long intoEpoch = 0;
        int observations;

        @Override
        public long currentEpoch() {
            return epoch;
        }

        @Override
        public long blocksIntoEpoch() {
            return intoEpoch;
        }

        @Override
        public EpochObservation observe(long brainId, long e) {
            observations++;
            int miners = brainId == BRAIN || brainId == BROKEN ? 5 : brainId == ONE_MINER ? 1 : 0;
            double[] contribution = new double[miners];
            for (int j = 0; j < miners; j++) contribution[j] = 1 + j * 0.2 + 0.5 * Math.sin(Math.PI / 2 * (e + j));
            int[] uids = new int[miners];
            for (int j = 0; j < miners; j++) uids[j] = j;
            List<EpochObservation.Weights> revealed = new ArrayList<>();
            boolean noReveals = brainId == BROKEN && e == 7;
            if (!noReveals && miners > 0) {
                revealed.add(new EpochObservation.Weights(uids, U16Weights.maxUpscale(contribution)));
                revealed.add(new EpochObservation.Weights(uids, U16Weights.maxUpscale(contribution)));
            }
            double blockSeconds = brainId == BROKEN && e == 6 ? Double.NaN : 10;
            return new EpochObservation(brainId, e, miners, 2, new long[miners], revealed, new boolean[miners], blockSeconds, 100);
        }
    }

    /** Refuses the first post it is given, as a chain hiccup would. */
    static final class FlakyBoard implements ForecastBoard {
        final Map<String, int[]> posted = new LinkedHashMap<>();
        int refusals = 1;

        @Override
        public boolean posted(long epoch, long brainId) {
            return posted.containsKey(epoch + "/" + brainId);
        }

        @Override
        public void post(long epoch, long brainId, int[] uids, int[] values) {
            if (refusals-- > 0) throw new IllegalStateException("the node did not answer");
            assertThat(posted.put(epoch + "/" + brainId, values)).as("posted twice").isNull();
            assertThat(uids).isSorted();
        }
    }

    @Test
    void forecastsEachBrainOncePerEpochRetryingAFailedPostAndSurvivingBadData() throws Exception {
        FakeChain chain = new FakeChain();
        FlakyBoard board = new FlakyBoard();
        List<String> log = new ArrayList<>();
        EnforcerWorker worker = new EnforcerWorker(chain, board, new EnforcerWorker.Settings(List.of(BRAIN, ONE_MINER, EMPTY, BROKEN), 16, 100, 40, 1), log::add);

        worker.pass();                       // too early in the epoch: the reveals of epoch 19 are not in yet
        assertThat(board.posted).isEmpty();
        assertThat(chain.observations).isZero();

        chain.intoEpoch = 150;
        worker.pass();
        assertThat(log).anyMatch(line -> line.startsWith("Brain #5 epoch 20: forecast not posted (the node did not answer); retrying on the next pass"));
        assertThat(board.posted).containsOnlyKeys("20/6", "20/8");
        assertThat(board.posted.get("20/6")).containsExactly(U16Weights.MAX);
        assertThat(log).anyMatch(line -> line.startsWith("Brain #7 epoch 20: no history yet"));

        worker.pass();                       // the retry
        assertThat(board.posted).containsOnlyKeys("20/5", "20/6", "20/8");
        assertThat(board.posted.get("20/5")).hasSize(5).contains(U16Weights.MAX);
        assertThat(log).anyMatch(line -> line.matches("Brain #5 epoch 20: forecast posted for 5 miners .*TFT pinball .* last-value baseline pinball .*"));

        int reads = chain.observations;
        worker.pass();                       // all done for epoch 20: nothing read, nothing posted
        assertThat(chain.observations).isEqualTo(reads);

        chain.epoch = 21;
        chain.intoEpoch = 120;
        worker.pass();
        assertThat(board.posted).containsKeys("21/5", "21/6", "21/8");
        // final epochs were kept: per Brain only epoch 19 (read inside its reveal window) and epoch 20 are read
        assertThat(chain.observations - reads).isEqualTo(4 * 2);

        assertThat(worker.metrics().getJsonObject("enforcer").getJsonObject("brains").getJsonObject("8").getInteger("skippedSamples"))
                .as("windows touching the bad epochs are skipped").isPositive();
        JsonObject metrics = worker.metrics().getJsonObject("enforcer");
        assertThat(metrics.getLong("failures")).isEqualTo(1);
        assertThat(metrics.getLong("posts")).isEqualTo(6);
        JsonObject brain = metrics.getJsonObject("brains").getJsonObject("5");
        assertThat(brain.getLong("epoch")).isEqualTo(21);
        assertThat(brain.getDouble("pinball")).isFinite();
        assertThat(brain.getDouble("baselineMae")).isFinite();
        assertThat(brain.getJsonObject("variableImportance").fieldNames()).containsExactlyInAnyOrderElementsOf(NodeSeries.EPOCH_FEATURE_NAMES);
    }
}
