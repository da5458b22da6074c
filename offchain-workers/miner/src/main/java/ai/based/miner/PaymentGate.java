package ai.based.miner;

import ai.based.protocol.wire.Message;

/**
 * Who pays for a pass. The chain's gate checks the payer's spending account on the ComputeMarket and the client's
 * signed cumulative receipts; {@link #FREE} serves everyone (a miner run without a market, and tests of the wire).
 */
public interface PaymentGate {
    PaymentGate FREE = new PaymentGate() {
        @Override
        public void beforePass(String payer, long unpaidUnits, long units) {}

        @Override
        public void accept(String payer, Message.Payment payment) {}
    };

    /**
     * Refuses ({@link PaymentRequiredException}) a request of {@code units} compute units (a token pass is one, a
     * diagnosis request one per records ciphertext) the payer cannot cover: its account cannot pay them, or
     * {@code unpaidUnits} of this session's earlier requests are still unpaid.
     */
    void beforePass(String payer, long unpaidUnits, long units) throws PaymentRequiredException;

    /**
     * Counts {@code units} served to {@code payer} (its answer was sent), so that {@link #beforePass} can refuse a payer
     * with unpaid units from any session, not only the current one.
     */
    default void served(String payer, long units) {}

    /** Verifies and keeps a receipt; refuses a forged, stale or underpaying one. */
    void accept(String payer, Message.Payment payment) throws PaymentRequiredException;

    /** Redeems what is worth redeeming (the service calls it each pass); the free gate has nothing to do. */
    default void settle() throws Exception {}

    /** What the gate earned and redeemed, for /metrics and the miner's log. */
    default io.vertx.core.json.JsonObject figures() {
        return new io.vertx.core.json.JsonObject();
    }

    /**
     * Why a pass is not served: the client gets this status (402, or 503 when the miner cannot reach the chain or keep the receipt,
     * which is the miner's trouble: the client may move to another miner) with this message.
     */
    final class PaymentRequiredException extends Exception {
        private final int status;

        public PaymentRequiredException(String message) {
            this(402, message);
        }

        private PaymentRequiredException(int status, String message) {
            super(message);
            this.status = status;
        }

        public static PaymentRequiredException unavailable(String message) {
            return new PaymentRequiredException(503, message);
        }

        public int status() {
            return status;
        }
    }
}
