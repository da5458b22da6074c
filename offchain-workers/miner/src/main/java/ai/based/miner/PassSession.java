package ai.based.miner;

import ai.based.fhe.io.MalformedInputException;
import ai.based.fhe.zkllm.encrypted.ClientRounds;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.TokenSegments;
import ai.based.fhe.zkllm.encrypted.WirePass;
import ai.based.protocol.wire.MalformedMessageException;
import ai.based.protocol.wire.Message;
import ai.based.protocol.wire.WireCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One client's WebSocket session: passes one after another, each with its round trips, and the client's payments
 * between them. Messages arrive on the event loop; a pass and a payment run on the miner's pass threads, one at a
 * time per session. Whatever the client sends wrong ends the session with a {@link Message.Failure} naming it, and
 * touches no other session.
 */
final class PassSession implements ClientRounds {
    private final ServerWebSocket socket;
    private final Vertx vertx;
    private final InferenceContext context;
    private final Consumer<Boolean> onEnd;
    private volatile CompletableFuture<Message> pendingReply;
    private volatile boolean busy;
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean closed;
    private long idleTimer = -1;
    private String payer;
    private long unpaidUnits;

    PassSession(ServerWebSocket socket, Vertx vertx, InferenceContext context, Consumer<Boolean> onEnd) {
        this.socket = socket;
        this.vertx = vertx;
        this.context = context;
        this.onEnd = onEnd;
    }

    void open() {
        socket.binaryMessageHandler(this::onMessage);
        socket.textMessageHandler(text -> fail(400, "text messages are not part of the protocol: send binary wire messages"));
        socket.closeHandler(v -> closed());
        socket.exceptionHandler(e -> closed());
        armIdleTimer();
    }

    private void onMessage(Buffer buffer) {
        armIdleTimer();
        Message message;
        try {
            message = WireCodec.decode(buffer.getBytes());
        } catch (MalformedMessageException e) {
            fail(400, "malformed message: " + e.getMessage());
            return;
        }
        switch (message) {
            case Message.AttentionReply reply -> deliver(reply);
            case Message.StateReply reply -> deliver(reply);
            case Message.Pass pass -> startExclusive(() -> runPass(pass));
            case Message.Payment payment -> startExclusive(() -> pay(payment));
            case Message.Failure failure -> socket.close();
            default -> fail(400, WireCodec.kind(message) + " is a miner's message, not a client's");
        }
    }

    /**
     * Runs passes and payments one after another in arrival order (a client pays for a pass and sends the next one
     * without waiting); at most one job waits behind the running one, more is a protocol error.
     */
    private void startExclusive(Runnable job) {
        if (queued.incrementAndGet() > 2) {
            fail(409, "a pass is running in this session and another waits: answer the round trips, or open another session");
            return;
        }
        busy = true;
        tail = tail.handle((done, error) -> done).thenRunAsync(() -> {
            try {
                if (!closed) job.run();
            } finally {
                if (queued.decrementAndGet() == 0) busy = false;
                vertx.runOnContext(v -> armIdleTimer());
            }
        }, context.passThreads());
    }

    private void runPass(Message.Pass pass) {
        try {
            if (payer != null && !payer.equals(pass.payer())) {
                throw new PassFailure(409, "this session pays from " + payer + ": open another session for " + pass.payer());
            }
            payer = pass.payer();
            context.payments().beforePass(payer, unpaidUnits);
            EncryptedGpt.Session keys = context.keys().get(pass.keySetId()).orElseThrow(() -> new PassFailure(409,
                    "this miner holds no evaluation keys of key set " + pass.keySetId() + ": upload them with PUT /v1/keys/" + pass.keySetId()));
            TokenSegments segments;
            try {
                segments = new TokenSegments(pass.capacity(), pass.lengths());
            } catch (IllegalArgumentException e) {
                throw new PassFailure(400, "the prompt layout is invalid: " + e.getMessage());
            }
            long t0 = System.nanoTime();
            List<byte[]> logits = new WirePass(keys).logits(pass.keySetId(), pass.state(), segments, this);
            unpaidUnits++;
            context.payments().served(payer); // counted per payer too: a new session does not start a new debt
            context.metrics().passServed(System.nanoTime() - t0);
            send(new Message.Logits(1, logits));
        } catch (PassFailure e) {
            fail(e.status, e.getMessage());
        } catch (PaymentGate.PaymentRequiredException e) {
            fail(e.status(), e.getMessage());
        } catch (MalformedInputException e) {
            fail(400, "malformed ciphertext: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(422, e.getMessage());
        } catch (RuntimeException e) {
            if (!closed) {
                context.log().accept("pass failed: " + e);
                fail(500, "the miner failed this pass: " + e.getClass().getSimpleName());
            }
        }
    }

    private void pay(Message.Payment payment) {
        if (payer == null) {
            fail(400, "a payment before any pass: nothing is owed in this session");
            return;
        }
        try {
            context.payments().accept(payer, payment);
            unpaidUnits = 0;
        } catch (PaymentGate.PaymentRequiredException e) {
            fail(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            fail(400, "the receipt was refused: " + e.getMessage());
        }
    }

    @Override
    public Reply attention(int layer, byte[] numerator, byte[] meanDenominator, int activeLanes) {
        if (ask(new Message.AttentionRound(layer, activeLanes, numerator, meanDenominator)) instanceof Message.AttentionReply reply) {
            return new Reply(reply.numerator(), reply.reciprocal());
        }
        throw new PassFailure(400, "attention's round trip was answered with a state reply");
    }

    @Override
    public byte[] state(int layer, byte[] hidden) {
        if (ask(new Message.StateRound(layer, hidden)) instanceof Message.StateReply reply) return reply.hidden();
        throw new PassFailure(400, "the state's round trip was answered with an attention reply");
    }

    private Message ask(Message question) {
        CompletableFuture<Message> reply = new CompletableFuture<>();
        pendingReply = reply;
        if (closed) throw new PassFailure(499, "the client closed the session");
        send(question);
        try {
            return reply.get(context.limits().replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PassFailure(408, "the client did not answer the " + WireCodec.kind(question) + " within "
                    + context.limits().replyTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new PassFailure(499, "the client closed the session during a round trip");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PassFailure(503, "the miner is stopping");
        } finally {
            pendingReply = null;
        }
    }

    private void deliver(Message reply) {
        CompletableFuture<Message> pending = pendingReply;
        if (pending == null) {
            fail(400, WireCodec.kind(reply) + " without a round trip asking for it");
            return;
        }
        pending.complete(reply);
    }

    private void send(Message message) {
        if (!closed) socket.writeBinaryMessage(Buffer.buffer(WireCodec.encode(message)));
    }

    private void fail(int status, String reason) {
        context.metrics().failed(status);
        if (closed) return;
        send(new Message.Failure(status, reason));
        socket.close((short) (status < 500 ? 1008 : 1011), "failed");
    }

    private void armIdleTimer() {
        if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
        if (closed) return;
        idleTimer = vertx.setTimer(context.limits().idleTimeout().toMillis(), id -> {
            if (!busy && !closed) socket.close((short) 1000, "idle");
        });
    }

    private void closed() {
        if (closed) return;
        closed = true;
        if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
        CompletableFuture<Message> pending = pendingReply;
        if (pending != null) pending.completeExceptionally(new IllegalStateException("closed"));
        // the session's slot is free only once its running pass has stopped: a client that closes mid-pass (or while the
        // chain is slow to answer the payment check) must not get a fresh slot while its pass still holds a pass thread
        tail.whenComplete((done, error) -> onEnd.accept(unpaidUnits > 0));
    }

    /** A pass ends with this status and reason for the client. */
    private static final class PassFailure extends RuntimeException {
        private final int status;

        PassFailure(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
