package ai.based.cli.fhe;

import ai.based.cli.BaseCommand;
import ai.based.cli.PasswordOptions;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.PublicKey;
import ai.based.fhe.rlwe.SecretKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "keygen", description = "Make a secret key (stored encrypted with your password) and the public and evaluation keys.")
public final class FheKeygenCommand extends BaseCommand {
    @Option(names = "--keys", required = true, paramLabel = "DIR")
    Path keys;

    @Option(names = "--params", defaultValue = "N16384", description = "N8192 or N16384 (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--rotations", split = ",", defaultValue = "1", description = "rotation steps to make Galois keys for (default: ${DEFAULT-VALUE})")
    List<Integer> rotations;

    @Option(names = "--force", description = "replace the keys already in DIR (their secret key, and every ciphertext made for it, is lost)")
    boolean force;

    @Mixin
    PasswordOptions password;

    @Override
    protected void run() throws Exception {
        Parameters params = Parameters.create(ParameterSets.byName(name));
        KeyDirectory dir = new KeyDirectory(keys);
        List<Path> existing = dir.existingKeys();
        if (!existing.isEmpty() && !force) {
            throw new ParameterException(spec.commandLine(), "keys already in " + keys + " (" + existing.getFirst().getFileName()
                    + (existing.size() > 1 ? " and " + (existing.size() - 1) + " more" : "") + "): replacing them loses the secret key that "
                    + "decrypts their ciphertexts; pass --force to replace them, or choose another --keys directory");
        }
        String secret = password.newPassword("password for the CKKS secret key: ");
        if (secret.isEmpty()) throw new ParameterException(spec.commandLine(), "the password of the CKKS secret key must not be empty");
        Serializer serializer = new Serializer(params);
        KeyGenerator keygen = new KeyGenerator(params.ring(), Sampler.secure());
        progress().accept("generating keys for " + params);
        SecretKey sk = keygen.secretKey();
        PublicKey pk = keygen.publicKey(sk);
        byte[] publicKey = serializer.write(pk);
        byte[] relinearization = serializer.write(keygen.relinearizationKey(sk));
        Map<Long, byte[]> galois = new LinkedHashMap<>();
        for (int step : rotations) {
            long g = Galois.rotationElement(step, params.logN());
            galois.computeIfAbsent(g, e -> serializer.write(keygen.galoisKey(sk, e)));
        }
        // everything is made before anything is replaced, and the old keys are only moved aside until the new set is
        // complete: a failed keygen, or a crash while writing, never loses the secret key that decrypts old ciphertexts
        Path aside = force && !existing.isEmpty() ? dir.moveKeysAside() : null;
        dir.write(KeyDirectory.PARAMS, name.toUpperCase().getBytes(StandardCharsets.UTF_8));
        dir.write(KeyDirectory.PUBLIC, publicKey);
        dir.write(KeyDirectory.RELIN, relinearization);
        galois.forEach((g, key) -> dir.write("galois-" + g + ".key", key));
        dir.writeSecret(serializer, sk, serializer.keySetId(pk), secret);
        if (aside != null) KeyDirectory.deleteAside(aside);
        out().println("keys in " + keys + ": secret (encrypted), public, relinearisation, Galois for rotations " + rotations);
    }
}
