package ai.based.portal.network;

import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Posts an epoch result as the oracle's signers do: the EpochOracle's own EIP-712 digest of (epoch, Brain totals, no
 * prunes, a rewards root), signed by every devnet oracle signer in ascending address order. Tests of what the portal
 * shows about posted epochs use it instead of running the oracle processes.
 */
public final class PostedEpoch {
    private PostedEpoch() {}

    public static void post(BasedChainFixture chain, long epoch, Map<Long, BigInteger> brainTotals) throws Exception {
        chain.closeEpoch(epoch);
        var oracle = chain.session.oracle(chain.session.signer(BasedChainFixture.ADMIN));
        List<BigInteger> brains = new ArrayList<>();
        List<BigInteger> totals = new ArrayList<>();
        new TreeMap<>(brainTotals).forEach((brain, total) -> {
            brains.add(BigInteger.valueOf(brain));
            totals.add(total);
        });
        byte[] root = new byte[32];
        root[0] = 1;
        byte[] digest = oracle.resultDigest(BigInteger.valueOf(epoch), brains, totals, List.of(), root).send().component1();
        List<byte[]> signatures = BasedChainFixture.ORACLES.stream()
                .sorted(Comparator.comparing(c -> Numeric.toBigInt(c.getAddress())))
                .map(signer -> {
                    var signature = Sign.signMessage(digest, signer.getEcKeyPair(), false);
                    byte[] rsv = new byte[65];
                    System.arraycopy(signature.getR(), 0, rsv, 0, 32);
                    System.arraycopy(signature.getS(), 0, rsv, 32, 32);
                    rsv[64] = signature.getV()[0];
                    return rsv;
                }).toList();
        oracle.post(BigInteger.valueOf(epoch), brains, totals, List.of(), root, signatures).send();
    }
}
