package ai.based.cli.fhe;

import ai.based.client.InvalidInputException;
import ai.based.cli.BaseCommand;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Encryptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "encrypt", description = "Encrypt a JSON array of numbers under the public key.")
public final class FheEncryptCommand extends BaseCommand {
    @Option(names = "--keys", required = true, paramLabel = "DIR")
    Path keys;

    @Option(names = "--in", required = true, paramLabel = "JSON", description = "file holding a JSON array of numbers")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Override
    protected void run() throws Exception {
        KeyDirectory dir = new KeyDirectory(keys);
        Parameters params = dir.parameters();
        Serializer serializer = new Serializer(params);
        double[] values;
        try {
            values = new ObjectMapper().readValue(in.toFile(), double[].class);
        } catch (java.io.IOException e) {
            throw new InvalidInputException("cannot read " + in + ": expected a JSON array of numbers (" + e.getMessage() + ")");
        }
        if (values.length > params.slots()) {
            throw new InvalidInputException(values.length + " values do not fit " + params.slots() + " slots");
        }
        var pk = serializer.readPublicKey(dir.bytes(KeyDirectory.PUBLIC, "the public key"));
        var plaintext = new Encoder(params).encode(values, params.maxLevel(), params.defaultScale());
        // the ciphertext names its key set, so decrypting it with other keys is refused instead of printing noise
        Serializer bound = serializer.boundTo(serializer.keySetId(pk));
        Files.write(out, bound.write(new Encryptor(params.ring(), Sampler.secure()).encrypt(plaintext, pk)));
        out().println("encrypted " + values.length + " values into " + out);
    }
}
