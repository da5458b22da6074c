package ai.based.client.basedai;

import ai.based.chain.tx.ContractRevertException;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.contracts.BrainRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;

/**
 * Discovery on chain: where a Brain's miners serve (their axons on the registry) and the Brain's model id. A miner
 * announces its own endpoint and certificate hash with {@link #serve}; clients list them with {@link #serving}.
 * Entries whose endpoint is not an acceptable https:// URL are skipped, so a hostile announcement cannot break
 * discovery for the others.
 */
public final class MinerDirectory {
    private static final int CERTIFICATE_HASH_BYTES = 32;

    private final BasedSession session;
    private final Credentials signer;

    /** A directory that reads only; {@link #serve} needs the miner's wallet. */
    public MinerDirectory(BasedSession session) {
        this(session, null);
    }

    /** A directory that can also announce where {@code signer}, a miner, serves. */
    public MinerDirectory(BasedSession session, Credentials signer) {
        this.session = session;
        this.signer = signer;
    }

    /**
     * The Brain's miners that announced an acceptable endpoint, by uid. The registry is read in batched calls
     * against one block, so 1,792 miners cost a few round trips and a consistent view.
     */
    public List<ServingMiner> serving(long brainId) throws Exception {
        BrainRegistry registry = session.registry(session.reader());
        BigInteger brain = BigInteger.valueOf(brainId);
        RegistryBatch batch = new RegistryBatch(session.node(), registry.getContractAddress());
        long count = registry.nodeCount(brain, NodeRole.MINER.onChain()).send().longValueExact();
        List<Function> axonCalls = new ArrayList<>();
        for (long uid = 0; uid < count; uid++) {
            axonCalls.add(new Function(BrainRegistry.FUNC_AXON, List.of(new Uint256(brain), new Uint256(uid)),
                    List.of(new TypeReference<BrainRegistry.Axon>() {})));
        }
        List<BrainRegistry.Axon> axons = batch.call(axonCalls);
        List<Long> announced = new ArrayList<>();
        List<Function> nodeCalls = new ArrayList<>();
        for (int uid = 0; uid < axons.size(); uid++) {
            String endpoint = axons.get(uid).endpoint;
            if (endpoint.isEmpty() || Endpoints.problem(endpoint).isPresent()) continue;
            announced.add((long) uid);
            nodeCalls.add(new Function(BrainRegistry.FUNC_NODE, List.of(new Uint256(brain), new Uint8(NodeRole.MINER.onChain()),
                    new Uint256(uid)), List.of(new TypeReference<BrainRegistry.Node>() {})));
        }
        List<BrainRegistry.Node> nodes = batch.call(nodeCalls);
        List<ServingMiner> miners = new ArrayList<>();
        for (int i = 0; i < announced.size(); i++) {
            BrainRegistry.Axon axon = axons.get(announced.get(i).intValue());
            miners.add(new ServingMiner(announced.get(i), nodes.get(i).account, axon.endpoint, axon.certificateHash));
        }
        return miners;
    }

    /**
     * Announces where the signer serves Brain {@code brainId}: sets the axon of its own miner entry.
     *
     * @throws InvalidInputException for an endpoint that is not an https:// URL of at most 256 bytes, a certificate
     *         hash that is not 32 bytes or all zero, or a wallet that is not a miner of the Brain
     */
    public void serve(long brainId, String endpoint, byte[] certificateSha256) throws Exception {
        if (signer == null) throw new IllegalStateException("this MinerDirectory reads only: construct it with the miner's wallet");
        Credentials miner = signer;
        Endpoints.problem(endpoint).ifPresent(problem -> {
            throw new InvalidInputException("cannot serve Brain #" + brainId + ": " + problem);
        });
        if (certificateSha256 == null || certificateSha256.length != CERTIFICATE_HASH_BYTES || isZero(certificateSha256)) {
            throw new InvalidInputException("cannot serve Brain #" + brainId + ": the certificate hash must be the 32-byte "
                    + "SHA-256 of the certificate");
        }
        BigInteger brain = BigInteger.valueOf(brainId);
        var registered = session.registry(session.reader()).uidOf(brain, NodeRole.MINER.onChain(), miner.getAddress()).send();
        if (!registered.component1()) {
            throw new InvalidInputException("cannot serve Brain #" + brainId + ": wallet " + miner.getAddress()
                    + " is not a miner of the Brain; memorize it first ('based memorize --brain " + brainId + " --role MINER')");
        }
        try {
            session.registry(session.signer(miner)).serve(brain, endpoint, certificateSha256).send();
        } catch (ContractRevertException e) {
            throw new InvalidInputException("cannot serve Brain #" + brainId + ": the registry refused (" + e.revert() + ")", e);
        }
    }

    /** The model the Brain's owner configured (names a model package by its content hash); empty when unset. */
    public String modelId(long brainId) throws Exception {
        return session.registry(session.reader()).config(BigInteger.valueOf(brainId)).send().modelId;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) if (b != 0) return false;
        return true;
    }
}
