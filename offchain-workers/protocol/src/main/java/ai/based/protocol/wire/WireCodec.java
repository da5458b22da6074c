package ai.based.protocol.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes {@link Message}s: "BAIW", the version, the kind, then the fields big-endian; strings and blobs
 * are length-prefixed. Decoding checks every length against {@link #MAX_BLOB}, {@link #MAX_STRING} and what is left
 * of the input before it allocates, and refuses trailing bytes, so a hostile peer can cost at most the bytes it sent.
 */
public final class WireCodec {
    public static final int VERSION = 1;
    /** Larger than any ciphertext of the supported parameters (N = 2^16, 30 primes, unseeded: 31 MB). */
    public static final int MAX_BLOB = 32 << 20;
    public static final int MAX_STRING = 512;
    public static final int MAX_BLOCKS = 256;
    public static final int MAX_PROMPTS = 256;
    /** Records ciphertexts in one {@link Message.Score}: 64 × 128 records; a request's work and memory stay bounded. */
    public static final int MAX_SCORE_BATCHES = 64;
    private static final int MAGIC = 0x42414957; // "BAIW"

    private WireCodec() {}

    public static byte[] encode(Message message) {
        Writer out = new Writer();
        out.buffer.putInt(MAGIC).put((byte) VERSION);
        switch (message) {
            case Message.Pass p -> {
                out.kind(1).string(p.keySetId()).string(p.payer()).integer(p.capacity()).integer(p.lengths().length);
                for (int length : p.lengths()) out.integer(length);
                out.blob(p.state());
            }
            case Message.AttentionRound a -> out.kind(2).integer(a.layer()).integer(a.activeLanes()).blob(a.numerator()).blob(a.meanDenominator());
            case Message.StateRound s -> out.kind(3).integer(s.layer()).blob(s.hidden());
            case Message.AttentionReply r -> out.kind(4).blob(r.numerator()).blob(r.reciprocal());
            case Message.StateReply r -> out.kind(5).blob(r.hidden());
            case Message.Logits l -> {
                out.kind(6).longValue(l.units()).integer(l.blocks().size());
                for (byte[] block : l.blocks()) out.blob(block);
            }
            case Message.Payment p -> out.kind(7).longValue(p.units()).blob(p.amount()).blob(p.signature());
            case Message.Failure f -> out.kind(8).integer(f.status()).string(f.reason());
            case Message.Score s -> {
                if (s.batches().isEmpty() || s.batches().size() > MAX_SCORE_BATCHES) {
                    throw new IllegalArgumentException(s.batches().size() + " records ciphertexts in one request: 1 to " + MAX_SCORE_BATCHES);
                }
                out.kind(9).string(s.keySetId()).string(s.payer()).integer(s.batches().size());
                for (byte[] batch : s.batches()) out.blob(batch);
            }
            case Message.Scores s -> {
                out.kind(10).longValue(s.units()).integer(s.blocks().size());
                for (byte[] block : s.blocks()) out.blob(block);
            }
        }
        return out.bytes();
    }

    public static Message decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.remaining() < 6 || in.getInt() != MAGIC) throw new MalformedMessageException("not a BasedAI wire message");
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new MalformedMessageException("wire version " + version + " is not supported (this side speaks " + VERSION + ")");
            }
            Reader r = new Reader(in);
            Message message = switch (in.get()) {
                case 1 -> {
                    String keySet = r.string();
                    String payer = r.string();
                    int capacity = r.positive("capacity");
                    int count = r.count("prompts", MAX_PROMPTS);
                    int[] lengths = new int[count];
                    for (int i = 0; i < count; i++) lengths[i] = r.positive("prompt length");
                    yield new Message.Pass(keySet, payer, capacity, lengths, r.blob());
                }
                case 2 -> new Message.AttentionRound(r.nonNegative("layer"), r.positive("active lanes"), r.blob(), r.blob());
                case 3 -> new Message.StateRound(r.nonNegative("layer"), r.blob());
                case 4 -> new Message.AttentionReply(r.blob(), r.blob());
                case 5 -> new Message.StateReply(r.blob());
                case 6 -> {
                    long units = r.nonNegativeLong("units");
                    int count = r.count("logit blocks", MAX_BLOCKS);
                    List<byte[]> blocks = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) blocks.add(r.blob());
                    yield new Message.Logits(units, blocks);
                }
                case 7 -> new Message.Payment(r.nonNegativeLong("units"), r.blob(), r.blob());
                case 8 -> new Message.Failure(r.nonNegative("status"), r.string());
                case 9 -> {
                    String keySet = r.string();
                    String payer = r.string();
                    int count = r.positive("records ciphertexts");
                    if (count > MAX_SCORE_BATCHES) {
                        throw new MalformedMessageException(count + " records ciphertexts are more than " + MAX_SCORE_BATCHES
                                + " in one request: split the records into several");
                    }
                    yield new Message.Score(keySet, payer, r.blobs(count));
                }
                case 10 -> {
                    long units = r.nonNegativeLong("units");
                    yield new Message.Scores(units, r.blobs(r.count("score blocks", MAX_SCORE_BATCHES)));
                }
                default -> throw new MalformedMessageException("unknown message kind " + in.get(in.position() - 1));
            };
            if (in.hasRemaining()) throw new MalformedMessageException(in.remaining() + " bytes after the end of the message");
            return message;
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("the message ends in the middle of a field");
        }
    }

    /** The message's kind as a word, for logs and errors. */
    public static String kind(Message message) {
        return message.getClass().getSimpleName();
    }

    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(256);

        Writer kind(int kind) {
            buffer.put((byte) kind);
            return this;
        }

        Writer integer(int value) {
            room(4).putInt(value);
            return this;
        }

        Writer longValue(long value) {
            room(8).putLong(value);
            return this;
        }

        Writer string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > MAX_STRING) throw new IllegalArgumentException("a string of " + utf8.length + " bytes is over " + MAX_STRING);
            return bytes(utf8);
        }

        Writer blob(byte[] value) {
            if (value.length > MAX_BLOB) throw new IllegalArgumentException("a blob of " + value.length + " bytes is over " + MAX_BLOB);
            return bytes(value);
        }

        private Writer bytes(byte[] value) {
            room(4 + value.length).putInt(value.length).put(value);
            return this;
        }

        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            return buffer;
        }

        byte[] bytes() {
            byte[] out = new byte[buffer.position()];
            buffer.flip().get(out);
            return out;
        }
    }

    private record Reader(ByteBuffer in) {
        int nonNegative(String what) {
            int value = in.getInt();
            if (value < 0) throw new MalformedMessageException(what + " " + value + " is negative");
            return value;
        }

        int positive(String what) {
            int value = in.getInt();
            if (value <= 0) throw new MalformedMessageException(what + " " + value + " is not positive");
            return value;
        }

        long nonNegativeLong(String what) {
            long value = in.getLong();
            if (value < 0) throw new MalformedMessageException(what + " " + value + " is negative");
            return value;
        }

        int count(String what, int max) {
            int value = nonNegative(what);
            if (value > max) throw new MalformedMessageException(value + " " + what + " are more than " + max);
            return value;
        }

        byte[] blob() {
            return bytes(MAX_BLOB);
        }

        List<byte[]> blobs(int count) {
            List<byte[]> blobs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) blobs.add(blob());
            return blobs;
        }

        String string() {
            return new String(bytes(MAX_STRING), StandardCharsets.UTF_8);
        }

        private byte[] bytes(int max) {
            int length = nonNegative("a length");
            if (length > max) throw new MalformedMessageException("a field of " + length + " bytes is over the limit of " + max);
            if (length > in.remaining()) throw new MalformedMessageException("a field of " + length + " bytes is longer than the message");
            byte[] out = new byte[length];
            in.get(out);
            return out;
        }
    }
}
