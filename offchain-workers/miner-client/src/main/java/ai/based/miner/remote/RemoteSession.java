package ai.based.miner.remote;

import ai.based.fhe.zkllm.encrypted.ClientRounds;
import ai.based.fhe.zkllm.encrypted.PassEvaluator;
import ai.based.fhe.zkllm.encrypted.TokenSegments;
import ai.based.protocol.wire.MalformedMessageException;
import ai.based.protocol.wire.Message;
import ai.based.protocol.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Passes over one WebSocket session with a miner. The client's side of each round trip is answered by a
 * {@link ClientRounds} (the user's client, who holds the secret key); this class only moves bytes, and waits at most
 * its timeout for each message of the miner's. A non-interactive pass ({@link ClientRounds#NONE}) answers no round trip:
 * a miner asking for one is refused as untrusted, as is one asking for more round trips in a pass than the client's
 * circuit makes ({@link ClientRounds#maxRounds}).
 */
public final class RemoteSession implements PassEvaluator, AutoCloseable {
    private final String miner;
    private final WebSocket socket;
    private final Inbox inbox;
    private final String payer;
    private final Duration timeout;
    private long passes;

    RemoteSession(String miner, WebSocket socket, Inbox inbox, String payer, Duration timeout) {
        this.miner = miner;
        this.socket = socket;
        this.inbox = inbox;
        this.payer = payer;
        this.timeout = timeout;
    }

    @Override
    public List<byte[]> logits(String keySetId, byte[] state, TokenSegments segments, ClientRounds client) throws MinerException {
        send(new Message.Pass(keySetId, payer, segments.capacity(), segments.lengths(), state));
        int rounds = 0;
        while (true) {
            Message next = receive();
            boolean asksClient = next instanceof Message.AttentionRound || next instanceof Message.StateRound;
            if (client == ClientRounds.NONE && asksClient) {
                throw new MinerException(miner, 0, "asked for a client round trip (" + WireCodec.kind(next) + ") in a non-interactive pass: it is not "
                        + "answered, since the answers could tell the miner about the prompt", Optional.empty(), null);
            }
            if (asksClient && ++rounds > client.maxRounds()) {
                throw new MinerException(miner, 0, "asked for " + rounds + " round trips in one pass, where the model's pass makes at most "
                        + client.maxRounds() + ": the last is not answered and the token not paid", Optional.empty(), null);
            }
            switch (next) {
                case Message.AttentionRound round -> {
                    ClientRounds.Reply reply = client.attention(round.layer(), round.numerator(), round.meanDenominator(), round.activeLanes());
                    send(new Message.AttentionReply(reply.numerator(), reply.reciprocal()));
                }
                case Message.StateRound round -> send(new Message.StateReply(client.state(round.layer(), round.hidden())));
                case Message.Logits logits -> {
                    passes++;
                    return logits.blocks();
                }
                case Message.Failure failure -> throw new MinerException(miner, failure.status(), failure.reason(), Optional.empty(), null);
                case Message other -> throw new MinerException(miner, 0, "sent " + WireCodec.kind(other) + " during a pass", Optional.empty(), null);
            }
        }
    }

    /**
     * Scores records ciphertexts (a diagnosis Brain): one request, no round trips; the miner's reply must hold one
     * score ciphertext per records ciphertext and bill one compute unit for each, or it is refused.
     */
    public List<byte[]> score(String keySetId, List<byte[]> records) throws MinerException {
        send(new Message.Score(keySetId, payer, records));
        switch (receive()) {
            case Message.Scores scores when scores.blocks().size() == records.size() && scores.units() == records.size() -> {
                passes += records.size();
                return scores.blocks();
            }
            case Message.Scores scores -> throw new MinerException(miner, 0, "answered " + records.size() + " records ciphertexts with "
                    + scores.blocks().size() + " scores billed as " + scores.units() + " units", Optional.empty(), null);
            case Message.Failure failure -> throw new MinerException(miner, failure.status(), failure.reason(), Optional.empty(), null);
            case Message other -> throw new MinerException(miner, 0, "sent " + WireCodec.kind(other) + " to a scoring request", Optional.empty(), null);
        }
    }

    /** Sends the client's signed cumulative receipt for the passes (or records ciphertexts) so far. */
    public void pay(Message.Payment payment) throws MinerException {
        send(payment);
    }

    /** Passes, or records ciphertexts scored, in this session: the compute units owed for it. */
    public long passes() {
        return passes;
    }

    private void send(Message message) throws MinerException {
        try {
            socket.sendBinary(ByteBuffer.wrap(WireCodec.encode(message)), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new MinerException(miner, 0, "the session broke while sending: " + MinerClient.rootMessage(e), Optional.empty(), e);
        }
    }

    private Message receive() throws MinerException {
        Object next;
        try {
            next = inbox.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MinerException(miner, 0, "interrupted", Optional.empty(), e);
        }
        if (next == null) throw new MinerException(miner, 0, "sent nothing for " + timeout.toSeconds() + " s", Optional.empty(), null);
        if (next instanceof byte[] bytes) {
            socket.request(1); // the next message is read only now: the inbox never holds more than one
            try {
                return WireCodec.decode(bytes);
            } catch (MalformedMessageException e) {
                throw new MinerException(miner, 0, "sent a malformed message: " + e.getMessage(), Optional.empty(), e);
            }
        }
        if (next instanceof Closed closed) {
            throw new MinerException(miner, 0, "closed the session mid-pass (" + closed.code() + " " + closed.reason() + ")", Optional.empty(), null);
        }
        Throwable error = (Throwable) next;
        throw new MinerException(miner, 0, "the connection failed mid-pass: " + MinerClient.rootMessage(error), Optional.empty(), error);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        socket.abort();
    }

    record Closed(int code, String reason) {}

    /**
     * Collects the miner's messages (reassembled, each at most the protocol's limit) for the pass loop. It asks for the
     * next message only when the pass loop took the last one, so a miner flooding messages nobody asked for is held back
     * by TCP instead of filling the client's memory.
     */
    static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private boolean overflowed;

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            if (partial.size() + data.remaining() > ProtocolLimits.MAX_MESSAGE_BYTES) overflowed = true;
            if (!overflowed) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                partial.writeBytes(chunk);
            }
            if (last) {
                messages.add(overflowed ? new IllegalStateException("a message over " + ProtocolLimits.MAX_MESSAGE_BYTES + " bytes") : partial.toByteArray());
                partial.reset();
                overflowed = false;
            } else {
                socket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            messages.add(new IllegalStateException("a text message, which the protocol does not use"));
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            messages.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            messages.add(error);
        }
    }
}
