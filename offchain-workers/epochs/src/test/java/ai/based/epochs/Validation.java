package ai.based.epochs;

import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.web3j.crypto.Credentials;

/**
 * Validators setting weights on a test devnet the way the validator service does: commit in one epoch, reveal in the
 * next. Shared with the oracle's tests through this module's test jar.
 */
public final class Validation {
    public static final BigInteger MINER = BigInteger.ZERO;
    public static final BigInteger VALIDATOR = BigInteger.ONE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Validation() {}

    public static void memorize(BasedChainFixture chain, long brainId, Credentials node, BigInteger role) throws Exception {
        chain.session.registry(chain.session.signer(node)).memorize(BigInteger.valueOf(brainId), role, new byte[32]).send();
    }

    /** A miner and a validator that stakes {@code stake} BASED on itself, both memorized on the Brain. */
    public static void minerAndValidator(BasedChainFixture chain, long brainId, Credentials miner, Credentials validator, long stake) throws Exception {
        chain.fund(miner, BasedChainFixture.based(100));
        memorize(chain, brainId, miner, MINER);
        chain.fund(validator, BasedChainFixture.based(100 + stake));
        memorize(chain, brainId, validator, VALIDATOR);
        chain.session.stakes(chain.session.signer(validator)).stake(BigInteger.valueOf(brainId), validator.getAddress(),
                BasedChainFixture.based(stake)).send();
    }

    /** Dense weights (one per miner uid 0..n-1) by validator: commits them all in the current epoch, then reveals them all in the next; returns the commit epoch. */
    public static long commitAndReveal(BasedChainFixture chain, long brainId, Map<Credentials, int[]> weights) throws Exception {
        ValidatorWeightsClient client = new ValidatorWeightsClient(chain.session);
        long epoch = client.nextBlockEpoch();
        Map<Credentials, byte[]> salts = new LinkedHashMap<>();
        for (var entry : weights.entrySet()) {
            byte[] salt = new byte[32];
            RANDOM.nextBytes(salt);
            salts.put(entry.getKey(), salt);
            int[] uids = IntStream.range(0, entry.getValue().length).toArray();
            client.commit(entry.getKey(), brainId, epoch,
                    ValidatorWeightsClient.commitHash(brainId, epoch, uids, entry.getValue(), salt, entry.getKey().getAddress()));
        }
        chain.closeEpoch(epoch);
        for (var entry : weights.entrySet()) {
            int[] uids = IntStream.range(0, entry.getValue().length).toArray();
            client.reveal(entry.getKey(), brainId, epoch, uids, entry.getValue(), salts.get(entry.getKey()));
        }
        return epoch;
    }
}
