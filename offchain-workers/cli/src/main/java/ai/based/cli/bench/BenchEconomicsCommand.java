package ai.based.cli.bench;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.TxManager;
import ai.based.cli.BaseCommand;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.client.devnet.DevnetEpochs;
import ai.based.client.devnet.DevnetFaucet;
import ai.based.deployment.BridgeOptions;
import ai.based.deployment.DeployOptions;
import ai.based.oracle.EpochPoster;
import ai.based.protocol.MerkleTree;
import ai.based.protocol.Reward;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Convert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Settlement cost as a Brain grows (gas of an epoch post and of a claim with 10 and 1,792 miners, on real
 * devnets), and the wall time of the oracle's Merkle work for a full network (1,024 Brains x 2,048 accounts).
 */
@Command(name = "economics", description = "Gas of epoch post and claim from 10 to 1,792 miners, and Merkle tree + proofs time for 1024 x 2048 accounts.")
public final class BenchEconomicsCommand extends BaseCommand {
    private static final long BRAIN = 7;

    @Option(names = "--miners", split = ",", defaultValue = "10,1792", description = "miner counts to compare (default: ${DEFAULT-VALUE})")
    List<Integer> minerCounts;

    @Option(names = "--brains", defaultValue = "1024")
    int brains;

    @Option(names = "--accounts", defaultValue = "2048", description = "accounts per Brain in the Merkle benchmark")
    int accountsPerBrain;

    @Override
    protected void run() throws Exception {
        out().println(MachineLoad.describe());
        for (int miners : minerCounts) {
            measureSettlement(miners);
        }
        measureMerkle();
    }

    private void measureSettlement(int miners) throws Exception {
        try (ThrowawayDevnet devnet = new ThrowawayDevnet(
                DeployOptions.forDevnet().withBridge(BridgeOptions.devnet().keepingAdminFeed())); BasedSession based = BasedSession.open(devnet.manifest)) {
            Credentials owner = DevAccounts.account(2);
            based.registry(based.signer(DevAccounts.account(0))).syncBrain(BigInteger.valueOf(BRAIN), owner.getAddress(),
                    BigInteger.ONE, BigInteger.ZERO, true).send();
            based.registry(based.signer(owner)).setRegistrationFee(BigInteger.valueOf(BRAIN), BigInteger.ZERO).send();
            TxManager faucet = based.signer(DevAccounts.account(1));
            BigInteger gas = Convert.toWei("0.01", Convert.Unit.ETHER).toBigIntegerExact();
            List<Credentials> nodes = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < miners; i++) {
                Credentials miner = Credentials.create(Keys.createEcKeyPair());
                faucet.transfer(miner.getAddress(), gas);
                based.registry(based.signer(miner)).memorize(BigInteger.valueOf(BRAIN), NodeRole.MINER.onChain(), new byte[32]).send();
                nodes.add(miner);
            }
            double memorizeSeconds = (System.nanoTime() - t0) / 1e9;
            DevnetFaucet.fundBased(based, owner.getAddress(), BigInteger.ZERO, Pepe.units(1_000), line -> {});
            based.token(based.signer(owner)).approve(based.address("StakeManager"), Pepe.units(1_000)).send();

            // one validator weighs every miner (commit in epoch 0, reveal in epoch 1): epoch 1 pays every miner
            Credentials validator = DevAccounts.account(3);
            based.registry(based.signer(validator)).memorize(BigInteger.valueOf(BRAIN), NodeRole.VALIDATOR.onChain(), new byte[32]).send();
            based.stakes(based.signer(owner)).stake(BigInteger.valueOf(BRAIN), validator.getAddress(), Pepe.units(1_000)).send();
            int[] uids = IntStream.range(0, miners).toArray();
            int[] weights = IntStream.range(0, miners).map(i -> 1).toArray();
            byte[] salt = new byte[32];
            ValidatorWeightsClient board = new ValidatorWeightsClient(based);
            board.commit(validator, BRAIN, 0, ValidatorWeightsClient.commitHash(BRAIN, 0, uids, weights, salt, validator.getAddress()));
            var quorum = List.of(DevAccounts.account(5), DevAccounts.account(6));
            EpochPoster poster = new EpochPoster(based, quorum, Files.createTempDirectory("epochs"), line -> {});
            DevnetEpochs.close(based, 0);
            poster.submit(poster.prepare(0), owner);
            board.reveal(validator, BRAIN, 0, uids, weights, salt);
            DevnetEpochs.close(based, 1);
            EpochPoster.Posting posting = poster.prepare(1);
            long postGas = poster.submit(posting, owner).getGasUsed().longValueExact();
            List<Reward> rewards = posting.result().rewards();
            Credentials claimant = nodes.getFirst();
            int index = rewards.stream().map(Reward::account).toList().indexOf(claimant.getAddress().toLowerCase());
            var proof = MerkleTree.build(MerkleTree.rewardLeaves(1, rewards)).proof(index);
            long claimGas = based.emission(based.signer(owner))
                    .claim(BigInteger.ONE, claimant.getAddress(), rewards.get(index).amount(), proof).send()
                    .getGasUsed().longValueExact();
            out().printf("%5d miners on one Brain: epoch post %,9d gas, claim %,7d gas (%d leaves, proof of %d; memorize took %.1f s)%n",
                    miners, postGas, claimGas, rewards.size(), proof.size(), memorizeSeconds);
        }
    }

    /** One warm-up pass at an eighth of the size lets the JIT compile the hashing before the timed pass. */
    private void measureMerkle() {
        merklePass(Math.max(1, brains / 8), false);
        merklePass(brains, true);
    }

    private void merklePass(int brainCount, boolean report) {
        int total = brainCount * accountsPerBrain;
        SplittableRandom random = new SplittableRandom(42);
        List<Reward> rewards = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            rewards.add(new Reward(String.format("0x%040x", new BigInteger(1, randomAddress(random))),
                    BigInteger.valueOf(random.nextLong(1, Long.MAX_VALUE))));
        }
        long t0 = System.nanoTime();
        MerkleTree tree = MerkleTree.build(MerkleTree.rewardLeaves(0, rewards));
        long t1 = System.nanoTime();
        byte[] proof = new byte[tree.maxProofLength() * 32];
        long hashes = 0;
        for (int i = 0; i < tree.size(); i++) {
            hashes += tree.proofInto(i, proof);
        }
        long t2 = System.nanoTime();
        if (report) {
            out().printf("Merkle, %d Brains x %d accounts = %,d leaves: tree %.2f s + every proof %.2f s = %.2f s (target < 2 s; %,d proof hashes)%n",
                    brainCount, accountsPerBrain, total, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, hashes);
        }
    }

    private static byte[] randomAddress(SplittableRandom random) {
        byte[] address = new byte[20];
        for (int i = 0; i < address.length; i++) address[i] = (byte) random.nextInt(256);
        return address;
    }
}
