package ai.based.cli;

import ai.based.client.InvalidInputException;
import ai.based.chain.anvil.DevAccounts;
import ai.based.deployment.BasedAiOptions;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * Roles that the devnet plays with public test keys: the administrator (deployer, proposer, and the payer of
 * 'brain sync' when no wallet is named) and the oracle quorum. On any other network these roles sign with their
 * operators' own wallets.
 */
public final class DevnetKeys {
    private DevnetKeys() {}

    public static Credentials administrator(NetworkOptions network) {
        requireDevnet(network, "the administrator's test key");
        return DevAccounts.account(0);
    }

    public static List<Credentials> oracleQuorum(NetworkOptions network) {
        requireDevnet(network, "the oracle's test keys");
        return BasedAiOptions.DEVNET_ORACLE_ACCOUNTS.stream().map(DevAccounts::account).toList();
    }

    private static void requireDevnet(NetworkOptions network, String what) {
        if (!NetworkOptions.DEVNET.equals(network.name())) {
            throw new InvalidInputException(what + " exist only on the devnet; on '" + network.name()
                    + "' each operator signs with its own wallet");
        }
    }
}
