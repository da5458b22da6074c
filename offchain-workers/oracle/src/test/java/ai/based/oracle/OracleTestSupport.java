package ai.based.oracle;

import ai.based.contracts.EpochOracle;
import ai.based.deployment.BasedChainFixture;
import ai.based.epochs.EpochResultDigest;
import ai.based.epochs.Prune;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.web3j.crypto.Credentials;

/** Posts minimal oracle results from tests, for what rides along with an epoch (pruning candidates). */
final class OracleTestSupport {
    /** Stake on the Brain itself rather than through a validator (StakeManager's address(0)). */
    static final String NO_VALIDATOR = "0x0000000000000000000000000000000000000000";

    private OracleTestSupport() {}

    static void postPrune(BasedChainFixture chain, long brainId, int role, long uid) throws Exception {
        var emission = chain.session.emission(chain.session.reader());
        long epoch = emission.nextEpoch().send().longValueExact();
        chain.closeEpoch(epoch);
        List<Prune> prunes = List.of(new Prune(brainId, role, uid));
        byte[] root = new byte[32];
        byte[] digest = EpochResultDigest.digest(chain.basedai.chainId(), chain.session.address("EpochOracle"), epoch,
                List.of(), List.of(), prunes, root);
        List<Credentials> signers = new ArrayList<>(BasedChainFixture.ORACLES);
        signers.sort(Comparator.comparing(c -> new BigInteger(c.getAddress().substring(2), 16)));
        chain.session.oracle(chain.session.signer(BasedChainFixture.FAUCET)).post(BigInteger.valueOf(epoch), List.of(), List.of(),
                List.of(new EpochOracle.Prune(BigInteger.valueOf(brainId), BigInteger.valueOf(role), BigInteger.valueOf(uid))),
                root, signers.stream().map(c -> EpochResultDigest.sign(c, digest)).toList()).send();
    }
}
