package ai.based.cli.fhe;

import ai.based.cli.BaseCommand;
import ai.based.cli.PasswordOptions;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.Decryptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "decrypt", description = "Decrypt a ciphertext with the password-protected secret key; prints a JSON array.")
public final class FheDecryptCommand extends BaseCommand {
    @Option(names = "--keys", required = true, paramLabel = "DIR")
    Path keys;

    @Option(names = "--in", required = true, paramLabel = "FILE")
    Path in;

    @Option(names = "--count", paramLabel = "K", description = "print only the first K slots")
    Integer count;

    @Mixin
    PasswordOptions password;

    @Override
    protected void run() throws Exception {
        KeyDirectory dir = new KeyDirectory(keys);
        Parameters params = dir.parameters();
        Serializer serializer = new Serializer(params);
        var ciphertext = serializer.boundTo(dir.keySet()).readCiphertext(Files.readAllBytes(in));
        var sk = dir.readSecret(serializer, password.password("password of the CKKS secret key: "));
        double[] values = new Encoder(params).decode(new Decryptor(params.ring(), sk).decrypt(ciphertext));
        if (count != null) values = Arrays.copyOf(values, Math.min(count, values.length));
        out().println(new ObjectMapper().writeValueAsString(values));
    }
}
