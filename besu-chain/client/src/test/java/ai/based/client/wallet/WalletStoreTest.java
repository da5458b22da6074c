package ai.based.client.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

class WalletStoreTest {
    private static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @TempDir
    Path dir;

    private WalletStore store() {
        return new WalletStore(dir, WalletStore.Kdf.LIGHT);
    }

    @Test
    void createdWalletIsAStandardV3KeystoreReadableOnlyByItsOwner() throws Exception {
        Wallet wallet = store().create("alice", "pw");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wallet.keystore()))).isEqualTo("rw-------");
        // geth/cast/MetaMask read the same file: web3j's own loader stands in for them here.
        Credentials loaded = WalletUtils.loadCredentials("pw", wallet.keystore().toFile());
        assertThat(loaded.getAddress()).isEqualToIgnoringCase(wallet.address());
        assertThat(store().unlock("alice", "pw").getAddress()).isEqualTo(loaded.getAddress());
    }

    @Test
    void wrongPasswordIsNamedAndLeavesTheKeystoreUntouched() throws Exception {
        Wallet wallet = store().create("alice", "pw");
        byte[] before = Files.readAllBytes(wallet.keystore());
        assertThatThrownBy(() -> store().unlock("alice", "not it"))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessage("cannot unlock wallet 'alice': wrong password");
        assertThat(Files.readAllBytes(wallet.keystore())).isEqualTo(before);
    }

    @Test
    void importsPrivateKeysAndForeignKeystores() throws Exception {
        Wallet fromKey = store().importPrivateKey("k", KEY, "pw");
        assertThat(fromKey.address()).isEqualTo("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
        Wallet copied = store().importKeystore("copy", fromKey.keystore(), "pw");
        assertThat(copied.address()).isEqualTo(fromKey.address());
        assertThatThrownBy(() -> store().importKeystore("copy2", fromKey.keystore(), "bad"))
                .isInstanceOf(WrongPasswordException.class);
        assertThat(dir.resolve("copy2.json")).doesNotExist();
        assertThatThrownBy(() -> store().importPrivateKey("bad", "0x1234", "pw"))
                .isInstanceOf(WalletException.class).hasMessageContaining("not a 32-byte hex private key");
    }

    @Test
    void namesAreCheckedAndNeverOverwritten() {
        store().create("alice", "pw");
        assertThatThrownBy(() -> store().create("alice", "pw")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> store().create("../evil", "pw")).hasMessageContaining("invalid wallet name");
        assertThatThrownBy(() -> store().create("empty", "")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> store().get("nobody")).hasMessageContaining("based wallet create nobody");
        assertThat(store().list()).extracting(Wallet::name).containsExactly("alice");
    }
}
