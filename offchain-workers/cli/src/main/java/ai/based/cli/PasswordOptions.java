package ai.based.cli;

import ai.based.client.wallet.WalletException;
import java.io.Console;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --password-file for commands that set a wallet's password (create, import). */
public final class PasswordOptions {
    @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the password")
    Path passwordFile;

    /** A new password: typed twice at a prompt, or taken as it is from the file or the environment. */
    public String newPassword(String prompt) {
        Console console = System.console();
        String first = SignerOptions.password(passwordFile, prompt);
        if (passwordFile == null && System.getenv(SignerOptions.PASSWORD_ENV) == null && console != null) {
            String again = new String(console.readPassword("repeat: "));
            if (!again.equals(first)) throw new WalletException("the passwords differ; nothing was created");
        }
        return first;
    }

    /** The password of an existing keystore. */
    public String password(String prompt) {
        return SignerOptions.password(passwordFile, prompt);
    }
}
