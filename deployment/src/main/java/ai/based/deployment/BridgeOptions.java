package ai.based.deployment;

import ai.based.client.manifest.DeploymentException;

import ai.based.chain.anvil.DevAccounts;
import java.math.BigInteger;
import java.util.List;

/**
 * The bridge's relayer set and its wBASED mint limit per hour.
 *
 * @param relayers relayer addresses, the same set on both chains
 * @param threshold signatures a message needs
 * @param retireAdminFeed whether the deployer gives up the registry's BRIDGE_ROLE once the Brain mirror holds it;
 *        only tests of the BasedAI chain alone keep the administrator's direct feed
 */
public record BridgeOptions(List<String> relayers, int threshold, BigInteger mintLimitPerEpoch, boolean retireAdminFeed) {
    /** Devnet relayers: a 2-of-3 quorum of dev accounts 10, 11 and 12 (public test keys). */
    public static final List<Integer> DEVNET_RELAYER_ACCOUNTS = List.of(10, 11, 12);

    public BridgeOptions {
        relayers = List.copyOf(relayers);
        if (threshold < 1 || threshold > relayers.size()) {
            throw new DeploymentException("bridge threshold " + threshold + " does not fit " + relayers.size() + " relayers");
        }
    }

    public static BridgeOptions devnet() {
        return new BridgeOptions(DEVNET_RELAYER_ACCOUNTS.stream().map(i -> DevAccounts.account(i).getAddress()).toList(), 2,
                BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(1_000_000)), true);
    }

    public BridgeOptions withMintLimit(BigInteger limit) {
        return new BridgeOptions(relayers, threshold, limit, retireAdminFeed);
    }

    /** Keeps the administrator's BRIDGE_ROLE feed of the registry, for tests of the BasedAI chain's economics alone. */
    public BridgeOptions keepingAdminFeed() {
        return new BridgeOptions(relayers, threshold, mintLimitPerEpoch, false);
    }
}
