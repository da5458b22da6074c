package ai.based.cli;

import ai.based.client.BasedHome;
import ai.based.client.wallet.WalletException;
import ai.based.client.wallet.WalletStore;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Option;

/**
 * --wallet and --password-file for every command that signs. The password comes from the file, then the
 * BASED_WALLET_PASSWORD environment variable, then a prompt; never from a plain argument, which would
 * land in shell history and the process list.
 */
public final class SignerOptions {
    public static final String PASSWORD_ENV = "BASED_WALLET_PASSWORD";

    @Option(names = "--wallet", paramLabel = "NAME", required = true, description = "name of the wallet that signs")
    String wallet;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the wallet password")
    Path passwordFile;

    /** For a command whose signing is optional (an ArgGroup of its own): the same unlocking, from given values. */
    public static SignerOptions of(String wallet, Path passwordFile) {
        SignerOptions options = new SignerOptions();
        options.wallet = wallet;
        options.passwordFile = passwordFile;
        return options;
    }

    public String walletName() {
        return wallet;
    }

    public Credentials unlock(BasedHome home) {
        return new WalletStore(home.wallets(), WalletStore.Kdf.STANDARD).unlock(wallet, password(passwordFile, "password for wallet '" + wallet + "': "));
    }

    static String password(Path passwordFile, String prompt) {
        if (passwordFile != null) {
            if (!Files.isRegularFile(passwordFile)) {
                throw new WalletException(WalletException.Reason.INVALID_INPUT, "password file " + passwordFile
                        + " does not exist; give a file whose first line is the password");
            }
            try {
                String content = Files.readString(passwordFile, StandardCharsets.UTF_8);
                return content.lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new WalletException(WalletException.Reason.INVALID_INPUT, "cannot read password file " + passwordFile + ": " + e.getMessage(), e);
            }
        }
        String env = System.getenv(PASSWORD_ENV);
        if (env != null) return env;
        Console console = System.console();
        if (console == null) {
            throw new WalletException(WalletException.Reason.INVALID_INPUT, "no password given: use --password-file FILE or set " + PASSWORD_ENV);
        }
        char[] typed = console.readPassword(prompt);
        return typed == null ? "" : new String(typed);
    }
}
