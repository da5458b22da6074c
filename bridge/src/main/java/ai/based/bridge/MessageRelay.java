package ai.based.bridge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Delivers confirmed messages from one messenger to the other: every message not yet executed or failed on the
 * destination is signed by the relayer keys this process holds (ascending addresses, as the contract requires)
 * and submitted. A local quorum serves devnets and tests; the networked relayer (attestation exchange, durable
 * cursor) builds on the same steps.
 */
public final class MessageRelay {
    private final MessengerEnd source;
    private final MessengerEnd destination;
    private final List<Credentials> relayers;
    private final Credentials submitter;
    private final long confirmations;

    public MessageRelay(MessengerEnd source, MessengerEnd destination, List<Credentials> relayers, Credentials submitter,
            long confirmations) {
        this.source = source;
        this.destination = destination;
        List<Credentials> sorted = new ArrayList<>(relayers);
        sorted.sort(Comparator.comparing(c -> Numeric.toBigInt(c.getAddress())));
        this.relayers = List.copyOf(sorted);
        this.submitter = submitter;
        this.confirmations = confirmations;
    }

    /** Relays everything pending; returns how many messages were submitted. */
    public int relayPending(Consumer<String> progress) throws Exception {
        int submitted = 0;
        var tx = destination.session().signer(submitter);
        for (BridgeMessage message : source.sent(confirmations)) {
            if (destination.executed(message.hash()) || destination.failed(message.hash())) continue;
            byte[] digest = destination.digest(message);
            List<byte[]> signatures = relayers.stream().map(r -> RelayDigest.sign(r, digest)).toList();
            destination.relay(tx, message, signatures);
            boolean ok = destination.executed(message.hash());
            progress.accept("message " + Numeric.toHexString(message.hash()).substring(0, 12) + " (nonce " + message.nonce()
                    + ") " + (ok ? "executed" : "failed; retryable") + " on chain " + message.destinationChainId());
            submitted++;
        }
        return submitted;
    }

}
