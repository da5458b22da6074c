package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.zkllm.encrypted.ClientRounds;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the validator's own round-trip work costs, so that a pass's latency less it is the miner's. */
class TimedRoundsTest {
    private static final long ATTENTION_MILLIS = 60;
    private static final long STATE_MILLIS = 40;

    /** A client as slow as a cold validator, answering with recognisable bytes. */
    private static final ClientRounds SLOW_CLIENT = new ClientRounds() {
        @Override
        public Reply attention(int layer, byte[] numerator, byte[] meanDenominator, int activeLanes) {
            sleep(ATTENTION_MILLIS);
            if (layer < 0) throw new IllegalArgumentException("no layer " + layer);
            return new Reply(new byte[] {(byte) layer}, meanDenominator);
        }

        @Override
        public byte[] state(int layer, byte[] hidden) {
            sleep(STATE_MILLIS);
            return hidden;
        }

        @Override
        public int maxRounds() {
            return 7;
        }
    };

    @Test
    void theClientsTimeIsSummedAndItsAnswersPassThrough() {
        TimedRounds timed = new TimedRounds(SLOW_CLIENT);
        assertThat(timed.rounds()).isSameAs(timed);
        assertThat(timed.maxRounds()).as("the client's bound, which the session enforces").isEqualTo(7);
        assertThat(timed.nanos()).isZero();
        ClientRounds.Reply reply = timed.attention(3, new byte[1], new byte[] {7}, 1);
        assertThat(reply.numerator()).containsExactly(3);
        assertThat(reply.reciprocal()).containsExactly(7);
        assertThat(timed.state(1, new byte[] {9})).containsExactly(9);
        // at least the time the client slept: the slept time is never charged to the miner
        assertThat(timed.nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(ATTENTION_MILLIS + STATE_MILLIS));
    }

    @Test
    void aClientThatFailsIsTimedAndItsFailurePropagates() {
        TimedRounds timed = new TimedRounds(SLOW_CLIENT);
        assertThatThrownBy(() -> timed.attention(-1, new byte[1], new byte[1], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(timed.nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(ATTENTION_MILLIS));
    }

    @Test
    void aClientThatAnswersNothingIsHandedOnAsItself() {
        // the session refuses a round trip in a non-interactive pass by recognising NONE: wrapping it would hide it
        TimedRounds timed = new TimedRounds(ClientRounds.NONE);
        assertThat(timed.rounds()).isSameAs(ClientRounds.NONE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
