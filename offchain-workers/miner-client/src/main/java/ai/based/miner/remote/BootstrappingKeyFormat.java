package ai.based.miner.remote;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.KeyPlan;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.circuits.BootstrappingKeys;
import ai.based.fhe.io.MalformedInputException;
import ai.based.fhe.rlwe.SwitchingKey;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A non-interactive key set as it is uploaded: "BBOT", the model's keys and bootstrapping's evaluation keys (each a
 * {@link EvaluationKeyFormat} block), then the two keys to and from the sparse secret, length-prefixed. Every count and
 * length is bounded before it is allocated, and each key is validated by the serializer and made compact as it is read
 * (no Shoup companions, the uniform half held as its seed: such a key set is several GB at N = 2^16, see
 * {@link SwitchingKey#compact}).
 */
public final class BootstrappingKeyFormat {
    private static final int MAGIC = 0x42424F54; // "BBOT"
    /** The header {@link #checkHeader} reads: the magic, the model's block magic and its key count. */
    public static final int HEADER_BYTES = 12;

    private final EvaluationKeyFormat keys;

    public BootstrappingKeyFormat(Parameters params) {
        this.keys = new EvaluationKeyFormat(params);
    }

    /** The model's keys and bootstrapping's, read from an upload. */
    public record KeySet(EvaluationKeys model, BootstrappingKeys bootstrapping) {
        /** Bytes in memory once loaded. */
        public long bytes() {
            return bootstrapping.bytes() + model.bytes();
        }
    }

    public void write(EvaluationKeys model, BootstrappingKeys bootstrapping, OutputStream out) throws IOException {
        write(KeyPlan.of(model), new BootstrappingKeys.Plan(KeyPlan.of(bootstrapping.evaluation()), bootstrapping::toSparse,
                bootstrapping::fromSparse), out);
    }

    /**
     * The key set with each key made as it is written (see {@link BootstrappingKeyFile}).
     *
     * @return what the key set occupies in a miner's memory once read
     */
    public long write(KeyPlan model, BootstrappingKeys.Plan bootstrapping, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        long heldBytes = keys.writeKeys(model, data);
        heldBytes += keys.writeKeys(bootstrapping.evaluation(), data);
        heldBytes += keys.writeKey(bootstrapping.toSparse().get(), data);
        heldBytes += keys.writeKey(bootstrapping.fromSparse().get(), data);
        data.flush();
        return heldBytes;
    }

    /** The upload's size in bytes, for a Content-Length. */
    public long size(EvaluationKeys model, BootstrappingKeys bootstrapping) {
        return 4 + keys.size(model) + keys.size(bootstrapping.evaluation()) + 8 + keys.wireBytes(bootstrapping.toSparse())
                + keys.wireBytes(bootstrapping.fromSparse());
    }

    /** Refuses, before anything is loaded, an upload that does not start as a bootstrapping key set. */
    public void checkHeader(byte[] head) throws MalformedInputException {
        if (head.length < HEADER_BYTES || java.nio.ByteBuffer.wrap(head).getInt() != MAGIC) {
            throw new MalformedInputException("not a bootstrapping key set upload (no BBOT header)");
        }
        keys.declaredKeys(java.util.Arrays.copyOfRange(head, 4, HEADER_BYTES));
    }

    public KeySet read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            if (data.readInt() != MAGIC) throw new MalformedInputException("not a bootstrapping key set upload (no BBOT header)");
            EvaluationKeys model = keys.readKeys(data, true);
            EvaluationKeys evaluation = keys.readKeys(data, true);
            if (evaluation.relinearization().isEmpty()) throw new MalformedInputException("bootstrapping's keys have no relinearisation key");
            SwitchingKey toSparse = keys.readKey(data, "the key to the sparse secret", true);
            SwitchingKey fromSparse = keys.readKey(data, "the key from the sparse secret", true);
            if (data.read() != -1) throw new MalformedInputException("bytes after the last key");
            return new KeySet(model, new BootstrappingKeys(evaluation, toSparse, fromSparse));
        } catch (EOFException e) {
            throw new MalformedInputException("the bootstrapping key set ends in the middle of a key");
        }
    }
}
