package ai.based.miner;

import ai.based.fhe.io.MalformedInputException;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis;
import ai.based.fhe.zkllm.encrypted.BootstrappedPass;
import ai.based.fhe.zkllm.encrypted.ClientRounds;
import ai.based.fhe.zkllm.encrypted.PassEvaluator;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.TokenSegments;
import ai.based.fhe.zkllm.encrypted.WirePass;
import ai.based.protocol.wire.MalformedMessageException;
import ai.based.protocol.wire.Message;
import ai.based.protocol.wire.WireCodec;
import io.vertx.core.Context;
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
 * One client's WebSocket session: passes one after another, each with its round trips (a language model), or
 * scoring requests without round trips (the diagnosis classifier), and the client's payments between them. Messages
 * arrive on the event loop; a pass, a scoring and a payment run on the miner's pass threads, one at a time per
 * session. Whatever the client sends wrong ends the session with a {@link Message.Failure} naming it, and
 * touches no other session.
 */
final class PassSession implements ClientRounds {
    private final ServerWebSocket socket;
    private final Vertx vertx;
    private final InferenceContext context;
    private final ServedModel model;
    private final Consumer<Boolean> onEnd;
    private volatile CompletableFuture<Message> pendingReply;
    private volatile boolean busy;
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean closed;
    // the socket's event loop: the idle timer is armed, re-armed and cancelled only there, so the field needs no lock
    private final Context eventLoop;
    private long idleTimer = -1;
    private long keepAlive = -1;
    private String payer;
    private long unpaidUnits;

    PassSession(ServerWebSocket socket, Vertx vertx, InferenceContext context, ServedModel model, Consumer<Boolean> onEnd) {
        this.socket = socket;
        this.vertx = vertx;
        this.context = context;
        this.model = model;
        this.onEnd = onEnd;
        this.eventLoop = vertx.getOrCreateContext();
    }

    /**
     * A pass without round trips (bootstrapped: a minute or two) sends nothing until its logits, and the endpoint
     * closes connections idle for 60 s: while a pass runs, a ping every {@code KEEP_ALIVE} keeps the session open (the
     * client's WebSocket answers with a pong).
     */
    static final java.time.Duration KEEP_ALIVE = java.time.Duration.ofSeconds(20);

    void open() {
        keepAlive = vertx.setPeriodic(KEEP_ALIVE.toMillis(), id -> {
            if (busy && !closed) socket.writePing(Buffer.buffer());
        });
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
            case Message.Pass pass when model instanceof ServedModel.Language -> startExclusive(() -> runPass(pass), false);
            case Message.Score score when model instanceof ServedModel.Diagnosis -> startExclusive(() -> runScore(score), false);
            case Message.Pass pass -> fail(400, "this miner serves " + model.id() + ", which scores records: send Score, not Pass");
            case Message.Score score -> fail(400, "this miner serves " + model.id() + ", a language model: send Pass, not Score");
            // a client pays for its last request and hangs up at once: the receipt arrived, so it is kept even then
            case Message.Payment payment -> startExclusive(() -> pay(payment), true);
            case Message.Failure failure -> socket.close();
            default -> fail(400, WireCodec.kind(message) + " is a miner's message, not a client's");
        }
    }

    /**
     * Runs passes and payments one after another in arrival order (a client pays for a pass and sends the next one
     * without waiting); at most one job waits behind the running one, more is a protocol error.
     */
    private void startExclusive(Runnable job, boolean evenIfClosed) {
        if (queued.incrementAndGet() > 2) {
            fail(409, "a pass is running in this session and another waits: answer the round trips, or open another session");
            return;
        }
        busy = true;
        tail = tail.handle((done, error) -> done).thenRunAsync(() -> {
            try {
                if (evenIfClosed || !closed) job.run();
            } finally {
                if (queued.decrementAndGet() == 0) busy = false;
                // on the socket's own event loop: vertx.runOnContext from a pass thread would pick any event loop
                eventLoop.runOnContext(v -> armIdleTimer());
            }
        }, context.passThreads());
    }

    private void runPass(Message.Pass pass) {
        try {
            admit(pass.payer(), 1);
            PassEvaluator evaluator = passOf(pass.keySetId());
            TokenSegments segments;
            try {
                segments = new TokenSegments(pass.capacity(), pass.lengths());
            } catch (IllegalArgumentException e) {
                throw new PassFailure(400, "the prompt layout is invalid: " + e.getMessage());
            }
            long t0 = System.nanoTime();
            List<byte[]> logits = evaluator.logits(pass.keySetId(), pass.state(), segments, this);
            unpaidUnits++;
            context.payments().served(payer, 1); // counted per payer too: a new session does not start a new debt
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
        } catch (Exception e) {
            if (!closed) {
                context.log().accept("pass failed: " + e);
                fail(500, "the miner failed this pass: " + e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Scores a clinic's records ciphertexts: each is parsed and validated in the binary format, the whole request is
     * refused before any work when one of them is malformed or does not fit the circuit, and the clinic owes one
     * compute unit per ciphertext.
     */
    private void runScore(Message.Score score) {
        try {
            admit(score.payer(), score.batches().size());
            EncryptedDiagnosis.Session keys = keysOf(score.keySetId(), EncryptedDiagnosis.Session.class);
            Serializer wire = new Serializer(model.parameters());
            List<Ciphertext> records = new java.util.ArrayList<>(score.batches().size());
            for (int i = 0; i < score.batches().size(); i++) {
                try {
                    records.add(wire.readCiphertext(score.batches().get(i)));
                } catch (MalformedInputException e) {
                    throw new PassFailure(400, "records ciphertext " + i + " is malformed: " + e.getMessage());
                }
            }
            long t0 = System.nanoTime();
            List<byte[]> scores = keys.scores(score.keySetId(), records).stream().map(wire::write).toList();
            unpaidUnits += records.size();
            context.payments().served(payer, records.size());
            context.metrics().passServed(System.nanoTime() - t0);
            send(new Message.Scores(records.size(), scores));
        } catch (PassFailure e) {
            fail(e.status, e.getMessage());
        } catch (PaymentGate.PaymentRequiredException e) {
            fail(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(422, e.getMessage());
        } catch (RuntimeException e) {
            if (!closed) {
                context.log().accept("scoring failed: " + e);
                fail(500, "the miner failed this request: " + e.getClass().getSimpleName());
            }
        }
    }

    /** The session's payer (one per session), with the account able to pay {@code units} and nothing earlier unpaid. */
    private void admit(String requestPayer, long units) throws PaymentGate.PaymentRequiredException {
        if (payer != null && !payer.equals(requestPayer)) {
            throw new PassFailure(409, "this session pays from " + payer + ": open another session for " + requestPayer);
        }
        payer = requestPayer;
        context.payments().beforePass(payer, unpaidUnits, units);
    }

    /**
     * The pass under a key set this miner holds: with the client's round trips over this session, or, for a
     * non-interactive key set, with the miner's bootstrapping (no round trip).
     */
    private PassEvaluator passOf(String keySetId) {
        return context.keys().get(keySetId, EncryptedGpt.Session.class).<PassEvaluator>map(WirePass::new)
                .or(() -> context.keys().get(keySetId, BootstrappedPass.class))
                .orElseThrow(() -> new PassFailure(409, "this miner holds no evaluation keys of key set " + keySetId
                        + ": upload them with PUT /v1/keys/" + keySetId + " (or /v1/keys/" + keySetId + "/bootstrapping without round trips)"));
    }

    /** The evaluation context of a key set this miner holds for its model. */
    private <S> S keysOf(String keySetId, Class<S> type) {
        return context.keys().get(keySetId, type).orElseThrow(() -> new PassFailure(409,
                "this miner holds no evaluation keys of key set " + keySetId + ": upload them with PUT /v1/keys/" + keySetId));
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
        if (keepAlive >= 0) vertx.cancelTimer(keepAlive);
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
