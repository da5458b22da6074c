package ai.based.cli;

import ai.based.bridge.MessageRelay;
import ai.based.bridge.MessengerEnd;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BrainMirror;
import ai.based.deployment.BridgeContracts;
import ai.based.deployment.BridgeOptions;
import ai.based.deployment.Manifest;
import ai.based.governance.GovernanceClient;
import ai.based.governance.ProposalAction;
import ai.based.governance.ProposalState;
import ai.based.oracle.EpochPoster;
import ai.based.runtime.BasedSession;
import ai.based.runtime.EthereumSession;
import ai.based.runtime.Pepe;
import ai.based.runtime.basedai.EmissionsClient;
import ai.based.runtime.basedai.NodeRole;
import ai.based.runtime.devnet.DevnetFaucet;
import ai.based.runtime.economics.Reward;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;

/**
 * The BasedAI-chain half of the demo: a Brain acquired on Ethereum is mirrored over the bridge, configured, gets a miner and a
 * validator, is staked, earns an epoch posted by the devnet's oracle quorum, pays out by claims, and as a
 * GigaBrain passes a proposal that the timelock executes.
 */
final class BasedAiDemo {
    private static final BigInteger OWNER_STAKE = Pepe.units(1_000);
    private static final int RELAY_SUBMITTER = 13;
    private static final BigInteger VALIDATOR_STAKE = Pepe.units(500);

    private final Manifest manifest;
    private final Path rewardsDir;
    private final PrintWriter out;
    private final Consumer<String> progress;

    BasedAiDemo(Manifest manifest, Path rewardsDir, PrintWriter out, Consumer<String> progress) {
        this.manifest = manifest;
        this.rewardsDir = rewardsDir;
        this.out = out;
        this.progress = progress;
    }

    void run(long brainId, Credentials owner, Credentials miner, Credentials validator, DemoSteps steps) throws Exception {
        NetworkOptions devnet = new NetworkOptions();
        devnet.network = NetworkOptions.DEVNET;
        try (EthereumSession ethereum = EthereumSession.open(manifest); BasedSession based = BasedSession.open(manifest)) {
            BigInteger id = BigInteger.valueOf(brainId);
            steps.next("mirroring Brain #" + brainId + " to the BasedAI chain over the bridge and configuring it");
            BrainMirror.load(ethereum.address(BridgeContracts.BRAIN_MIRROR), ethereum.node().web3j(),
                    ethereum.signer(owner), TxManager.WRAPPER_GAS).sync(id).send();
            var relayers = BridgeOptions.DEVNET_RELAYER_ACCOUNTS.stream().limit(2).map(DevAccounts::account).toList();
            new MessageRelay(MessengerEnd.ethereum(ethereum), MessengerEnd.basedai(based), relayers,
                    DevAccounts.account(RELAY_SUBMITTER), 0).relayPending(progress);
            for (Credentials who : List.of(owner, miner, validator)) {
                DevnetFaucet.fundBased(based, who.getAddress(), DevnetFaucet.DEFAULT_ETH, Pepe.units(2_000), progress);
            }
            based.registry(based.signer(owner)).configure(id, "Demo Brain", "poly-gpt-tiny", "https://example.org/basedai/poly-gpt-tiny",
                    owner.getAddress(), BigInteger.valueOf(5_000), BigInteger.ZERO).send();

            steps.next("memorizing one miner and one validator (100 BASED fee each, paid to the owner)");
            memorize(based, id, miner, NodeRole.MINER);
            memorize(based, id, validator, NodeRole.VALIDATOR);

            steps.next("staking: the owner delegates 1,000 BASED to the validator, which stakes 500 on itself");
            stake(based, id, owner, validator.getAddress(), OWNER_STAKE);
            stake(based, id, validator, validator.getAddress(), VALIDATOR_STAKE);

            steps.next("closing an epoch, posting it through the 2-of-3 devnet oracle quorum, and claiming");
            var emission = based.emission(based.reader());
            long epoch = emission.nextEpoch().send().longValueExact();
            long closesAt = emission.epochStartBlock(BigInteger.valueOf(epoch + 1)).send().longValueExact();
            long now = based.node().blockNumber().longValueExact();
            if (now < closesAt) DevnetClock.mine(based.node(), closesAt - now);
            var quorum = DevnetKeys.oracleQuorum(devnet);
            new EpochPoster(based, quorum.subList(0, 2), rewardsDir, progress).post(epoch, quorum.getFirst());
            EmissionsClient emissions = new EmissionsClient(based, rewardsDir);
            for (Credentials who : List.of(owner, miner, validator)) {
                Reward reward = emissions.claim(who, who.getAddress(), epoch);
                out.println("      claimed " + Pepe.format(reward.amount()) + " BASED for " + label(who, owner, miner));
            }

            steps.next("Brain #" + brainId + " is a GigaBrain: propose, vote and execute through the timelock");
            GovernanceClient governance = new GovernanceClient(based);
            BigInteger proposal = governance.propose(owner, List.of(ProposalAction.parse("bonus-pool=1500")),
                    "demo epoch " + epoch + ": raise the bonus pool to 15%");
            DevnetClock.mine(based.node(), 2);
            governance.vote(owner, proposal, brainId, GovernanceClient.Support.FOR, "demo");
            DevnetClock.mine(based.node(), based.governor(based.reader()).votingPeriod().send().longValueExact() + 1);
            governance.advance(owner, proposal);
            DevnetClock.advance(based.node(), Duration.ofSeconds(2));
            ProposalState state = governance.advance(owner, proposal);
            out.println("      proposal " + state.name().toLowerCase() + ": bonus pool is now "
                    + emission.bonusPoolBps().send() + " bps");
        }
    }

    private static String label(Credentials who, Credentials owner, Credentials miner) {
        return who == owner ? "the owner (25% + its delegation)" : who == miner ? "the miner" : "the validator (take + own stake)";
    }

    private void memorize(BasedSession based, BigInteger id, Credentials node, NodeRole role) throws Exception {
        var registry = based.registry(based.signer(node));
        if (registry.uidOf(id, role.onChain(), node.getAddress()).send().component1()) return;
        based.token(based.signer(node)).approve(registry.getContractAddress(), registry.registrationFee(id).send()).send();
        registry.memorize(id, role.onChain(), new byte[32]).send();
    }

    private static void stake(BasedSession based, BigInteger id, Credentials staker, String validator, BigInteger amount) throws Exception {
        var stakes = based.stakes(based.signer(staker));
        based.token(based.signer(staker)).approve(stakes.getContractAddress(), amount).send();
        stakes.stake(id, validator, amount).send();
    }
}
