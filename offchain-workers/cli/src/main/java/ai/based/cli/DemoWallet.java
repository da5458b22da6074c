package ai.based.cli;

import ai.based.client.BasedHome;
import ai.based.client.wallet.Wallet;
import ai.based.client.wallet.WalletException;
import ai.based.client.wallet.WalletStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;

/**
 * The demo's wallet: an ordinary encrypted keystore whose random password the demo keeps in
 * {@code <home>/demo/<name>.password} (mode 600), so that the demo runs unattended and later commands can use
 * the same wallet with --password-file. Devnet use only; real wallets get a password typed by their owner.
 */
final class DemoWallet {
    private final BasedHome home;
    private final WalletStore store;

    DemoWallet(BasedHome home, WalletStore store) {
        this.home = home;
        this.store = store;
    }

    Path passwordFile(String name) {
        return home.root().resolve("demo").resolve(name + ".password");
    }

    Wallet ensure(String name, Consumer<String> progress) throws IOException {
        Path passwordFile = passwordFile(name);
        if (store.list().stream().anyMatch(w -> w.name().equals(name))) {
            if (!Files.exists(passwordFile)) {
                throw new WalletException("wallet '" + name + "' exists but was not made by the demo (no "
                        + passwordFile + "); run the demo with --wallet OTHER");
            }
            progress.accept("reusing wallet '" + name + "' (password in " + passwordFile + ")");
            return store.get(name);
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(passwordFile.getParent());
        Files.writeString(passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Wallet wallet = store.create(name, Files.readString(passwordFile).strip());
        progress.accept("created wallet '" + name + "' " + wallet.address() + "; its password is in " + passwordFile);
        return wallet;
    }

    Credentials unlock(String name) throws IOException {
        return store.unlock(name, Files.readString(passwordFile(name)).strip());
    }
}
