package ai.based.cli.wallet;

import ai.based.cli.BaseCommand;
import ai.based.cli.PasswordOptions;
import ai.based.client.wallet.Wallet;
import ai.based.client.wallet.WalletException;
import ai.based.client.wallet.WalletStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import a V3 keystore (geth, cast, MetaMask export) or a private key file.")
public final class WalletImportCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME", description = "wallet name")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--keystore", paramLabel = "FILE", description = "V3 keystore; its password stays the same")
        Path keystore;

        @Option(names = "--private-key-file", paramLabel = "FILE", description = "file holding a hex private key")
        Path privateKeyFile;
    }

    @Mixin
    PasswordOptions password;

    @Override
    protected void run() {
        WalletStore store = new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD);
        Wallet wallet;
        if (source.keystore != null) {
            wallet = store.importKeystore(name, source.keystore, password.password("keystore password: "));
        } else {
            wallet = store.importPrivateKey(name, readKey(source.privateKeyFile),
                    password.newPassword("password for the imported wallet '" + name + "': "));
        }
        out().println("imported wallet '" + wallet.name() + "' " + wallet.address());
    }

    private static String readKey(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new WalletException("cannot read private key file " + file + ": " + e.getMessage(), e);
        }
    }
}
