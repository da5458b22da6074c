package ai.based.client.wallet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * Named Ethereum keystore V3 files ({@code <dir>/<name>.json}, mode 600), readable by geth, cast and
 * MetaMask. Keys exist in memory only between {@link #unlock} and the end of the command that signs.
 */
public final class WalletStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Standard scrypt (n=262144) for users; light (n=4096) only where tests create many wallets. */
    public enum Kdf {
        STANDARD,
        LIGHT
    }

    private final Path dir;
    private final Kdf kdf;

    public WalletStore(Path dir, Kdf kdf) {
        this.dir = dir;
        this.kdf = kdf;
    }

    public Wallet create(String name, String password) {
        try {
            return save(name, Keys.createEcKeyPair(), password);
        } catch (GeneralSecurityException e) {
            throw new WalletException("cannot create wallet '" + name + "': " + e.getMessage(), e);
        }
    }

    public Wallet importPrivateKey(String name, String privateKeyHex, String password) {
        String hex = Numeric.cleanHexPrefix(privateKeyHex.strip());
        if (!WalletUtils.isValidPrivateKey(hex)) {
            throw new WalletException("cannot import wallet '" + name + "': not a 32-byte hex private key");
        }
        return save(name, ECKeyPair.create(Numeric.toBigInt(hex)), password);
    }

    /** Copies a V3 keystore from elsewhere (geth, cast) after proving the password opens it. */
    public Wallet importKeystore(String name, Path keystore, String password) {
        requireNew(name);
        try {
            Credentials credentials = WalletUtils.loadCredentials(password, keystore.toFile());
            return save(name, credentials.getEcKeyPair(), password);
        } catch (CipherException e) {
            throw new WrongPasswordException(keystore.toString());
        } catch (IOException e) {
            throw new WalletException("cannot import " + keystore + ": not a readable V3 keystore ("
                    + e.getMessage() + ")", e);
        }
    }

    public List<Wallet> list() {
        if (!Files.isDirectory(dir)) return List.of();
        List<Wallet> wallets = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                wallets.add(new Wallet(name, Keys.toChecksumAddress(readFile(name, file).getAddress()), file));
            }
        } catch (IOException e) {
            throw new WalletException("cannot list wallets in " + dir + ": " + e.getMessage(), e);
        }
        return wallets;
    }

    public Wallet get(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new WalletException("no wallet named '" + name + "' in " + dir
                    + ": create it with 'based wallet create " + name + "'");
        }
        return new Wallet(name, Keys.toChecksumAddress(readFile(name, file).getAddress()), file);
    }

    public Credentials unlock(String name, String password) {
        Wallet wallet = get(name);
        try {
            return WalletUtils.loadCredentials(password, wallet.keystore().toFile());
        } catch (CipherException e) {
            throw new WrongPasswordException(name);
        } catch (IOException e) {
            throw new WalletException("cannot read wallet '" + name + "': " + e.getMessage(), e);
        }
    }

    private Wallet save(String name, ECKeyPair keyPair, String password) {
        requireNew(name);
        if (password == null || password.isEmpty()) {
            throw new WalletException("cannot create wallet '" + name + "': the password must not be empty");
        }
        try {
            WalletFile walletFile = kdf == Kdf.STANDARD
                    ? org.web3j.crypto.Wallet.createStandard(password, keyPair)
                    : org.web3j.crypto.Wallet.createLight(password, keyPair);
            Files.createDirectories(dir);
            Path file = file(name);
            Files.write(file, JSON.writeValueAsBytes(walletFile), StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return new Wallet(name, Keys.toChecksumAddress(walletFile.getAddress()), file);
        } catch (FileAlreadyExistsException e) {
            throw new WalletException("wallet '" + name + "' already exists", e);
        } catch (CipherException | IOException e) {
            throw new WalletException("cannot write wallet '" + name + "': " + e.getMessage(), e);
        }
    }

    private void requireNew(String name) {
        if (Files.exists(file(name))) {
            throw new WalletException("wallet '" + name + "' already exists in " + dir + "; choose another name");
        }
    }

    private Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new WalletException("invalid wallet name '" + name + "': use letters, digits, '-' and '_'");
        }
        return dir.resolve(name + ".json");
    }

    private static WalletFile readFile(String name, Path file) {
        try {
            return JSON.readValue(file.toFile(), WalletFile.class);
        } catch (IOException e) {
            throw new WalletException("wallet '" + name + "' (" + file + ") is not a V3 keystore: " + e.getMessage(), e);
        }
    }
}
