package ai.based.chain.anvil;

import java.util.List;
import org.web3j.crypto.Credentials;

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
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");

    private DevAccounts() {}

    /** Account 0 deploys and administers devnet contracts; the others serve as faucet and test actors. */
    public static Credentials account(int index) {
        return Credentials.create(KEYS.get(index));
    }

    public static int count() {
        return KEYS.size();
    }
}
