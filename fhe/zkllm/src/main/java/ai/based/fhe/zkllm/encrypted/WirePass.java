package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.Ciphertext;
import java.util.List;

/**
 * One encrypted pass on the miner's side with every ciphertext in wire form: the prompt's state and the client's
 * replies are parsed and validated by the serializer (a malformed one fails the pass with
 * {@link ai.based.fhe.io.MalformedInputException}), and the logits and round-trip requests are written for the
 * network. The miner service and an in-process query run the same code.
 */
public final class WirePass implements PassEvaluator {
    private final EncryptedGpt.Session session;
    private final Serializer wire;

    public WirePass(EncryptedGpt.Session session) {
        this.session = session;
        this.wire = new Serializer(session.parameters());
    }

    /** The logits' ciphertexts, written for the wire. */
    @Override
    public List<byte[]> logits(String keySetId, byte[] state, TokenSegments segments, ClientRounds client) {
        Ciphertext prompt = wire.readCiphertext(state);
        ClientRefresh refresh = new ClientRefresh() {
            @Override
            public Reciprocal attention(int layer, Ciphertext numerator, Ciphertext meanDenominator, int activeLanes) {
                ClientRounds.Reply reply = client.attention(layer, wire.write(numerator), wire.write(meanDenominator), activeLanes);
                return new Reciprocal(wire.readCiphertext(reply.numerator()), wire.readCiphertext(reply.reciprocal()));
            }

            @Override
            public Ciphertext state(int layer, Ciphertext hidden) {
                return wire.readCiphertext(client.state(layer, wire.write(hidden)));
            }
        };
        return session.logits(keySetId, prompt, segments, refresh).stream().map(wire::write).toList();
    }
}
