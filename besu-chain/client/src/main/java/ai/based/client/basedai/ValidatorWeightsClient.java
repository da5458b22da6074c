package ai.based.client.basedai;

import ai.based.client.BasedSession;
import ai.based.client.basedai.WeightsException.Reason;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.EmissionController;
import ai.based.contracts.ValidatorWeights;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Validators' weights on chain with commit-reveal (ValidatorWeights): a validator commits the hash of its weights
 * during epoch e ({@link #commitHash}, {@link #commit}) and reveals them during epoch e + 1 ({@link #reveal}); the
 * oracle signers read the revealed weights of epoch e with {@link #revealed}. Every failure, refused before sending
 * or by the chain, is an unchecked {@link WeightsException} whose message says what to do.
 */
public final class ValidatorWeightsClient {
    /** Most entries a reveal may carry: one per miner slot (Economics.MINER_SLOTS). */
    public static final int MAX_ENTRIES = 1_792;
    private static final int SALT_BYTES = 32;

    /** Weights one validator revealed for a commit epoch; {@code block} is the block of the reveal. */
    public record RevealedWeights(String validator, int[] uids, int[] weights, long block) {}

    private final BasedSession session;

    public ValidatorWeightsClient(BasedSession session) {
        this.session = session;
    }

    public String address() {
        return session.address(BasedAiContracts.VALIDATOR_WEIGHTS);
    }

    /** keccak256(abi.encode(brainId, epoch, uids, weights, salt, validator)), the same as the contract's commitHash. */
    @SuppressWarnings("rawtypes")
    public static byte[] commitHash(long brainId, long epoch, int[] uids, int[] weights, byte[] salt32, String validator) {
        U16Entries.check("hash the weights", uids, weights, MAX_ENTRIES);
        requireSalt("hash the weights", salt32);
        if (brainId < 0 || epoch < 0) {
            throw new WeightsException(Reason.INVALID_INPUT, "cannot hash the weights: Brain " + brainId + " and epoch " + epoch
                    + " must not be negative");
        }
        if (validator == null || !WalletUtils.isValidAddress(validator)) {
            throw new WeightsException(Reason.INVALID_INPUT, "cannot hash the weights: the validator must be a 20-byte hex "
                    + "address, got '" + validator + "'");
        }
        List<Type> parameters = List.of(new Uint256(brainId), new Uint256(epoch), U16Entries.abiArray(uids),
                U16Entries.abiArray(weights), new Bytes32(salt32), new Address(validator));
        return U16Entries.keccakOfAbiEncode(parameters);
    }

    /** Commits {@code hash} for the current epoch {@code epoch}; a second commit in the same epoch replaces the first. */
    public void commit(Credentials validator, long brainId, long epoch, byte[] hash) {
        String action = "commit weights for epoch " + epoch + " of Brain #" + brainId;
        if (hash == null || hash.length != 32) {
            throw new WeightsException(Reason.INVALID_INPUT, "cannot " + action + ": the commit hash must be 32 bytes");
        }
        WeightsCalls.send(action, () -> session.weights(session.signer(validator))
                .commit(BigInteger.valueOf(brainId), BigInteger.valueOf(epoch), hash).send());
    }

    /** Reveals the weights committed for {@code epoch}; accepted only during epoch + 1. */
    public void reveal(Credentials validator, long brainId, long epoch, int[] uids, int[] weights, byte[] salt32) {
        String action = "reveal the weights of epoch " + epoch + " for Brain #" + brainId;
        U16Entries.check(action, uids, weights, MAX_ENTRIES);
        requireSalt(action, salt32);
        WeightsCalls.send(action, () -> session.weights(session.signer(validator)).reveal(BigInteger.valueOf(brainId),
                BigInteger.valueOf(epoch), U16Entries.onChain(uids), U16Entries.onChain(weights), salt32).send());
    }

    /**
     * The weights revealed for commit epoch {@code commitEpoch} of the Brain, one entry per validator, ordered by
     * validator address. Reads only the blocks of epoch commitEpoch + 1, the only ones a reveal can be in; a validator
     * that did not reveal is absent (its commit counts as no weights).
     */
    public List<RevealedWeights> revealed(long brainId, long commitEpoch) {
        return WeightsCalls.read("read the weights revealed for epoch " + commitEpoch + " of Brain #" + brainId, () -> {
            EmissionController emission = session.emission(session.reader());
            long from = emission.epochStartBlock(BigInteger.valueOf(commitEpoch + 1)).send().longValueExact();
            long to = Math.min(emission.epochStartBlock(BigInteger.valueOf(commitEpoch + 2)).send().longValueExact() - 1,
                    session.node().blockNumber().longValueExact());
            List<RevealedWeights> out = new ArrayList<>();
            if (to < from) return out;
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address());
            filter.addSingleTopic(EventEncoder.encode(ValidatorWeights.WEIGHTSREVEALED_EVENT));
            filter.addSingleTopic(topic(brainId));
            filter.addSingleTopic(topic(commitEpoch));
            for (Log log : logs(filter)) {
                ValidatorWeights.WeightsRevealedEventResponse event = ValidatorWeights.getWeightsRevealedEventFromLog(log);
                out.add(new RevealedWeights(event.validator, U16Entries.fromChain(event.uids),
                        U16Entries.fromChain(event.weights), log.getBlockNumber().longValueExact()));
            }
            out.sort(Comparator.comparing(w -> new BigInteger(w.validator().substring(2), 16)));
            return out;
        });
    }

    /** The commit of a validator for (Brain, epoch): its hash (all zero when none) and whether it was revealed. */
    public record CommitState(byte[] hash, boolean revealed) {
        public boolean committed() {
            return !Arrays.equals(hash, new byte[32]);
        }
    }

    public CommitState commitOf(long brainId, long epoch, String validator) {
        return WeightsCalls.read("read the commit of " + validator, () -> {
            var c = session.weights(session.reader()).commitOf(BigInteger.valueOf(brainId), BigInteger.valueOf(epoch), validator).send();
            return new CommitState(c.component1(), c.component2());
        });
    }

    /**
     * The epoch of the latest block (the contract's currentEpoch view). A transaction sent now is mined in a later
     * block: in the last block of an epoch this is already the previous epoch for it, see {@link #nextBlockEpoch}.
     */
    public long currentEpoch() {
        return WeightsCalls.read("read the current epoch", () -> session.emission(session.reader()).currentEpoch().send().longValueExact());
    }

    /**
     * The epoch of the next block, the earliest a transaction sent now can be mined in and the one the chain checks
     * it against. Commit and reveal early in an epoch: on a live chain a transaction may wait several blocks.
     */
    public long nextBlockEpoch() {
        return WeightsCalls.read("read the epoch of the next block", () -> {
            EmissionController emission = session.emission(session.reader());
            long genesis = emission.GENESIS_BLOCK().send().longValueExact();
            long next = session.node().blockNumber().longValueExact() + 1;
            return next < genesis ? 0 : (next - genesis) / emission.EPOCH_BLOCKS().send().longValueExact();
        });
    }

    /** 0 = Yuma, 1 = Yuma3; set by governance. */
    public int bondVariant() {
        return WeightsCalls.read("read the bond variant", () -> session.weights(session.reader()).bondVariant().send().intValueExact());
    }

    private List<Log> logs(EthFilter filter) throws Exception {
        EthLog response = session.node().web3j().ethGetLogs(filter).send();
        if (response.hasError()) throw new WeightsException(Reason.CHAIN, "cannot read logs: " + response.getError().getMessage());
        List<Log> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : response.getLogs()) logs.add((Log) result.get());
        return logs;
    }

    static String topic(long value) {
        return "0x" + TypeEncoder.encode(new Uint256(value));
    }

    private static void requireSalt(String action, byte[] salt32) {
        if (salt32 == null || salt32.length != SALT_BYTES) {
            throw new WeightsException(Reason.INVALID_INPUT, "cannot " + action + ": the salt must be 32 bytes (random, kept "
                    + "secret until the reveal)");
        }
    }
}
