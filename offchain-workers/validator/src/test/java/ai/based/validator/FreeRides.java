package ai.based.validator;

import ai.based.protocol.wire.Message;

/** A payer for tests that are not about payment: receipts nobody redeems, to miners that serve for free. */
final class FreeRides implements ChallengePayer {
    @Override
    public String account() {
        return "0x00000000000000000000000000000000000000bb";
    }

    @Override
    public void ensureCovers(int units) {}

    @Override
    public Message.Payment oneMoreUnit(String miner) {
        return new Message.Payment(1, new byte[32], new byte[65]);
    }
}
