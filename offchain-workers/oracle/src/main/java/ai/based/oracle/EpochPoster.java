package ai.based.oracle;

import ai.based.client.BasedSession;
import ai.based.contracts.EpochOracle;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
import ai.based.epochs.EpochResultDigest;
import ai.based.epochs.Prune;
import ai.based.protocol.split.EpochResult;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Computes, signs and posts one closed epoch: reads the chain, splits the epoch's emission, builds the Merkle
 * tree, has each local signer sign the EIP-712 result, submits them in ascending signer order and publishes the
 * rewards file that claims are proven from. On a devnet one process holds a whole quorum of test keys; on a
 * network each oracle operator signs with its own key.
 */
public final class EpochPoster {
    private final BasedSession session;
    private final List<Credentials> signers;
    private final Path rewardsDir;
    private final Consumer<String> progress;

    public EpochPoster(BasedSession session, List<Credentials> signers, Path rewardsDir, Consumer<String> progress) {
        this.session = session;
        this.signers = List.copyOf(signers);
        this.rewardsDir = rewardsDir;
        this.progress = progress;
    }

    /** The signed result, ready to submit. */
    public record Posting(ComputedEpoch computed, List<byte[]> signatures) {
        public EpochResult result() {
            return computed.result();
        }

        public byte[] root() {
            return computed.rewardsRoot();
        }
    }

    public Posting prepare(long epoch) throws Exception {
        ComputedEpoch computed = EpochComputation.compute(session, epoch);
        List<Credentials> ordered = new ArrayList<>(signers);
        ordered.sort(Comparator.comparing(c -> new BigInteger(c.getAddress().substring(2), 16)));
        List<byte[]> signatures = ordered.stream().map(signer -> EpochResultDigest.sign(signer, computed.digest())).toList();
        return new Posting(computed, signatures);
    }

    public TransactionReceipt post(long epoch, Credentials submitter) throws Exception {
        Posting posting = prepare(epoch);
        progress.accept("epoch " + epoch + ": " + posting.result().brainTotals().size() + " Brain(s), "
                + posting.result().accounts().size() + " account(s), signed by " + posting.signatures().size());
        TransactionReceipt receipt = submit(posting, submitter);
        EpochRewardsFile.of(epoch, posting.root(), posting.result().rewards()).write(rewardsDir);
        return receipt;
    }

    public TransactionReceipt submit(Posting posting, Credentials submitter) throws Exception {
        EpochResult result = posting.result();
        return session.oracle(session.signer(submitter)).post(BigInteger.valueOf(result.epoch()),
                result.brainTotals().keySet().stream().map(BigInteger::valueOf).toList(),
                List.copyOf(result.brainTotals().values()), prunes(posting.computed().prunes()), posting.root(),
                posting.signatures()).send();
    }

    private static List<EpochOracle.Prune> prunes(List<Prune> prunes) {
        return prunes.stream().map(p -> new EpochOracle.Prune(BigInteger.valueOf(p.brainId()), BigInteger.valueOf(p.role()),
                BigInteger.valueOf(p.uid()))).toList();
    }
}
