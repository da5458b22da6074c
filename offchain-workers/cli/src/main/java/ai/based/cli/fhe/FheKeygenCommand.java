package ai.based.cli.fhe;

import ai.based.cli.BaseCommand;
import ai.based.cli.PasswordOptions;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "keygen", description = "Make a secret key (stored encrypted with your password) and the public and evaluation keys.")
public final class FheKeygenCommand extends BaseCommand {
    @Option(names = "--keys", required = true, paramLabel = "DIR")
    Path keys;

    @Option(names = "--params", defaultValue = "N16384", description = "N8192 or N16384 (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--rotations", split = ",", defaultValue = "1", description = "rotation steps to make Galois keys for (default: ${DEFAULT-VALUE})")
    List<Integer> rotations;

    @Mixin
    PasswordOptions password;

    @Override
    protected void run() throws Exception {
        Parameters params = Parameters.create(ParameterSets.byName(name));
        KeyDirectory dir = new KeyDirectory(keys);
        Serializer serializer = new Serializer(params);
        KeyGenerator keygen = new KeyGenerator(params.ring(), Sampler.secure());
        progress().accept("generating keys for " + params);
        SecretKey sk = keygen.secretKey();
        dir.write(KeyDirectory.PARAMS, name.toUpperCase().getBytes(StandardCharsets.UTF_8));
        dir.write(KeyDirectory.PUBLIC, serializer.write(keygen.publicKey(sk)));
        dir.write(KeyDirectory.RELIN, serializer.write(keygen.relinearizationKey(sk)));
        for (int step : rotations) {
            long g = Galois.rotationElement(step, params.logN());
            dir.write("galois-" + g + ".key", serializer.write(keygen.galoisKey(sk, g)));
        }
        dir.writeSecret(serializer, sk, password.newPassword("password for the CKKS secret key: "));
        out().println("keys in " + keys + ": secret (encrypted), public, relinearisation, Galois for rotations " + rotations);
    }
}
