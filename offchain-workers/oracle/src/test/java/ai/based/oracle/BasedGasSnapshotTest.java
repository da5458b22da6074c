package ai.based.oracle;

import org.junit.jupiter.api.Tag;

import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.contracts.GigaBrainGovernor;
import ai.based.deployment.BasedChainFixture;
import ai.based.protocol.MerkleTree;
import ai.based.protocol.Reward;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Gas of the BasedAI chain's user operations against contracts/snapshots/gas-basedai.json; regenerate on purpose
 * with -Dgas.snapshot.update=true.
 */
@Tag("devnet")
class BasedGasSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void gasPerOperationMatchesTheCommittedSnapshot() throws Exception {
        Map<String, Long> measured = measure();
        Path snapshot = Path.of(System.getProperty("based.repo", "../.."), "contracts", "snapshots", "gas-basedai.json");
        if (Boolean.getBoolean("gas.snapshot.update")) {
            Files.writeString(snapshot, JSON.writeValueAsString(measured) + "\n");
        }
        @SuppressWarnings("unchecked")
        Map<String, Number> committed = JSON.readValue(snapshot.toFile(), Map.class);
        Map<String, Long> expected = new LinkedHashMap<>();
        committed.forEach((op, gas) -> expected.put(op, gas.longValue()));
        assertThat(measured).as("gas snapshot %s is stale; regenerate with -Dgas.snapshot.update=true", snapshot)
                .isEqualTo(expected);
    }

    private Map<String, Long> measure() throws Exception {
        Credentials owner = DevAccounts.account(2);
        Credentials node = DevAccounts.account(3);
        Map<String, Long> gas = new LinkedHashMap<>();
        try (BasedChainFixture chain = BasedChainFixture.yearOne()) {
            chain.sync(7, owner, 1, 0);
            chain.fund(node, based(10_000));
            var s = chain.session;
            gas.put("memorize", s.registry(s.signer(node)).memorize(BigInteger.valueOf(7), BigInteger.ONE, new byte[32]).send().getGasUsed().longValueExact());
            gas.put("stake", s.stakes(s.signer(node)).stake(BigInteger.valueOf(7), node.getAddress(), based(1_000)).send().getGasUsed().longValueExact());
            gas.put("unstake", s.stakes(s.signer(node)).unstake(BigInteger.valueOf(7), node.getAddress(), based(500)).send().getGasUsed().longValueExact());

            Credentials miner = DevAccounts.account(4);
            chain.fund(miner, based(100));
            s.registry(s.signer(miner)).memorize(BigInteger.valueOf(7), BigInteger.ZERO, new byte[32]).send();
            var weights = new ValidatorWeightsClient(s);
            long epoch = weights.currentEpoch();
            int[] uids = {0};
            int[] values = {1};
            byte[] salt = new byte[32];
            byte[] hash = ValidatorWeightsClient.commitHash(7, epoch, uids, values, salt, node.getAddress());
            gas.put("weightsCommit", s.weights(s.signer(node)).commit(BigInteger.valueOf(7), BigInteger.valueOf(epoch), hash)
                    .send().getGasUsed().longValueExact());
            chain.closeEpoch(epoch);
            gas.put("weightsReveal", s.weights(s.signer(node)).reveal(BigInteger.valueOf(7), BigInteger.valueOf(epoch),
                    List.of(BigInteger.ZERO), List.of(BigInteger.ONE), salt).send().getGasUsed().longValueExact());
            chain.closeEpoch(epoch + 1);
            EpochPoster poster = new EpochPoster(s, BasedChainFixture.ORACLES.subList(0, 2), chain.dir.resolve("epochs"), line -> {});
            poster.submit(poster.prepare(epoch), node);
            EpochPoster.Posting posting = poster.prepare(epoch + 1);
            gas.put("epochPost", poster.submit(posting, node).getGasUsed().longValueExact());
            List<Reward> rewards = posting.result().rewards();
            int index = rewards.stream().map(Reward::account).toList().indexOf(node.getAddress().toLowerCase());
            var proof = MerkleTree.build(MerkleTree.rewardLeaves(epoch + 1, rewards)).proof(index);
            gas.put("claim", s.emission(s.signer(node)).claim(BigInteger.valueOf(epoch + 1), node.getAddress(), rewards.get(index).amount(), proof)
                    .send().getGasUsed().longValueExact());

            var governor = s.governor(s.signer(owner)); // Brain 7 holds all stake: a GigaBrain, so its owner may propose
            var receipt = governor.propose(List.of(s.address("EmissionController")), List.of(BigInteger.ZERO),
                    List.of(Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function("setBonusPool", List.of(new Uint256(1)), List.of())))),
                    "gas snapshot").send();
            BigInteger id = GigaBrainGovernor.getProposalCreatedEvents(receipt).getFirst().proposalId;
            chain.mine(2);
            gas.put("vote", s.governor(s.signer(owner)).castVoteWithReasonAndParams(id, BigInteger.ONE, "",
                    Numeric.toBytesPadded(BigInteger.valueOf(7), 32)).send().getGasUsed().longValueExact());
        }
        return gas;
    }
}
