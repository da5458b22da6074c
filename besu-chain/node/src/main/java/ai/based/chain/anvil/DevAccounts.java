package ai.based.chain.anvil;

import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The funded accounts of a devnet. Anvil derives them from this public test mnemonic, so their keys are
 * well known: they hold value only on devnets and must never be used elsewhere.
 */
public final class DevAccounts {
    public static final String MNEMONIC = "test test test test test test test test test test test junk";

    private static final List<String> KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

    /** Accounts anvil funds (--accounts); the first ten have the well-known keys above, the rest are derived. */
    public static final int FUNDED = 20;
    private static final int HARDENED = 0x80000000;

    private DevAccounts() {}

    /**
     * Account 0 deploys and administers devnet contracts, account 1 is the faucet, 5-7 are the devnet's oracle
     * signers, 10-12 its bridge relayers, the others are test actors.
     */
    public static Credentials account(int index) {
        if (index < KEYS.size()) return Credentials.create(KEYS.get(index));
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
        int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index};
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
    }

    public static int count() {
        return FUNDED;
    }
}
