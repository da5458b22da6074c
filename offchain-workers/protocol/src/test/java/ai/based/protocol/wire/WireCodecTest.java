package ai.based.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static final byte[] BLOB = {1, 2, 3, 4, 5};

    @Test
    void everyMessageSurvivesTheRoundTrip() {
        List<Message> messages = List.of(
                new Message.Pass("00aa11bb22cc33dd", "0x" + "ab".repeat(20), 128, new int[] {5, 9}, BLOB),
                new Message.AttentionRound(1, 3, BLOB, new byte[] {9}),
                new Message.StateRound(0, BLOB),
                new Message.AttentionReply(BLOB, new byte[0]),
                new Message.StateReply(BLOB),
                new Message.Logits(1, List.of(BLOB, new byte[] {7})),
                new Message.Payment(3, new byte[32], new byte[65]),
                new Message.Failure(503, "busy: try again in 2 s"),
                new Message.Score("00aa11bb22cc33dd", "0x" + "ab".repeat(20), List.of(BLOB, new byte[] {3})),
                new Message.Scores(2, List.of(BLOB, new byte[0])));
        for (Message m : messages) {
            Message back = WireCodec.decode(WireCodec.encode(m));
            assertThat(back).as(WireCodec.kind(m)).usingRecursiveComparison().isEqualTo(m);
        }
    }

    @Test
    void aForeignOrNewerMessageIsRefusedByName() {
        assertThatThrownBy(() -> WireCodec.decode("GET / HTTP/1.1".getBytes())).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not a BasedAI wire message");
        byte[] newer = WireCodec.encode(new Message.StateReply(BLOB));
        newer[4] = 2;
        assertThatThrownBy(() -> WireCodec.decode(newer)).hasMessageContaining("wire version 2 is not supported");
        byte[] unknown = WireCodec.encode(new Message.StateReply(BLOB));
        unknown[5] = 42;
        assertThatThrownBy(() -> WireCodec.decode(unknown)).hasMessageContaining("unknown message kind 42");
    }

    @Test
    void aLengthBeyondTheMessageOrTheLimitAllocatesNothing() {
        byte[] bytes = WireCodec.encode(new Message.StateReply(BLOB));
        ByteBuffer.wrap(bytes).putInt(6, Integer.MAX_VALUE);
        assertThatThrownBy(() -> WireCodec.decode(bytes)).hasMessageContaining("over the limit");
        ByteBuffer.wrap(bytes).putInt(6, 1_000);
        assertThatThrownBy(() -> WireCodec.decode(bytes)).hasMessageContaining("longer than the message");
        ByteBuffer.wrap(bytes).putInt(6, -1);
        assertThatThrownBy(() -> WireCodec.decode(bytes)).hasMessageContaining("negative");
        byte[] manyBlocks = WireCodec.encode(new Message.Logits(1, List.of()));
        ByteBuffer.wrap(manyBlocks).putInt(14, 1_000_000);
        assertThatThrownBy(() -> WireCodec.decode(manyBlocks)).hasMessageContaining("more than " + WireCodec.MAX_BLOCKS);
    }

    @Test
    void truncatedAndPaddedMessagesAreRefused() {
        byte[] bytes = WireCodec.encode(new Message.AttentionReply(BLOB, BLOB));
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> WireCodec.decode(truncated)).as("cut at " + cut).isInstanceOf(MalformedMessageException.class);
        }
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> WireCodec.decode(padded)).hasMessageContaining("1 bytes after the end");
    }

    @Test
    void aPassWithoutPositiveLengthsIsRefused() {
        byte[] bytes = WireCodec.encode(new Message.Pass("k", "p", 8, new int[] {0}, BLOB));
        assertThatThrownBy(() -> WireCodec.decode(bytes)).hasMessageContaining("prompt length 0 is not positive");
    }

    @Test
    void aScoreRequestCarriesOneToSixtyFourCiphertexts() {
        List<byte[]> tooMany = java.util.Collections.nCopies(WireCodec.MAX_SCORE_BATCHES + 1, BLOB);
        assertThatThrownBy(() -> WireCodec.encode(new Message.Score("k", "p", tooMany))).isInstanceOf(IllegalArgumentException.class);
        // a hostile peer writes the count itself: 65, and then 2^31 - 1, are refused before any blob is read
        byte[] bytes = WireCodec.encode(new Message.Score("k", "p", List.of(BLOB)));
        int countAt = 6 + 4 + 1 + 4 + 1;
        ByteBuffer.wrap(bytes).putInt(countAt, WireCodec.MAX_SCORE_BATCHES + 1);
        assertThatThrownBy(() -> WireCodec.decode(bytes)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("65 records ciphertexts are more than 64");
        ByteBuffer.wrap(bytes).putInt(countAt, Integer.MAX_VALUE);
        assertThatThrownBy(() -> WireCodec.decode(bytes)).isInstanceOf(MalformedMessageException.class);
        ByteBuffer.wrap(bytes).putInt(countAt, 0);
        assertThatThrownBy(() -> WireCodec.decode(bytes)).hasMessageContaining("records ciphertexts 0 is not positive");
        byte[] scores = WireCodec.encode(new Message.Scores(1, List.of(BLOB)));
        ByteBuffer.wrap(scores).putInt(14, 1_000);
        assertThatThrownBy(() -> WireCodec.decode(scores)).hasMessageContaining("more than " + WireCodec.MAX_SCORE_BATCHES);
    }

    @Test
    void truncatedScoreRequestsAreRefused() {
        byte[] bytes = WireCodec.encode(new Message.Score("00aa11bb22cc33dd", "0xab", List.of(BLOB, BLOB)));
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> WireCodec.decode(truncated)).as("cut at " + cut).isInstanceOf(MalformedMessageException.class);
        }
    }

    @Property(tries = 2000)
    void randomBytesOnlyEverFailAsMalformed(@ForAll @Size(max = 64) byte[] tail, @ForAll byte kind) {
        byte[] bytes = ByteBuffer.allocate(6 + tail.length).putInt(0x42414957).put((byte) 1).put(kind).put(tail).array();
        try {
            WireCodec.decode(bytes);
        } catch (MalformedMessageException expected) {
            // the only failure a peer's bytes may cause
        }
    }
}
