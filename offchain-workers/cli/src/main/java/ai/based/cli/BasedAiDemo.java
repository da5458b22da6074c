package ai.based.cli;

import ai.based.chain.anvil.DevnetClock;
import ai.based.client.manifest.Manifest;
import ai.based.governance.GovernanceClient;
import ai.based.governance.PepeChamberClient;
import ai.based.governance.ProposalAction;
import ai.based.governance.ProposalState;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import ai.based.client.basedai.NodeRole;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.client.devnet.DevnetFaucet;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;

/**
 * The BasedAI-chain half of the demo: three relayers mirror a Brain acquired on Ethereum over the bridge; it is configured, gets
 * a miner and a validator, is staked, and as a
 * GigaBrain passes a proposal that the timelock executes, while PEPE holders vote on it in the Ethereum chamber.
 */
final class BasedAiDemo {
    private static final BigInteger OWNER_STAKE = Pepe.units(1_000);
    private static final BigInteger CHAMBER_VOTE = Pepe.units(1_000);
    private static final BigInteger VALIDATOR_STAKE = Pepe.units(500);

    private final Manifest manifest;
    private final Path relayerDir;
    private final PrintWriter out;
    private final Consumer<String> progress;

    BasedAiDemo(Manifest manifest, Path relayerDir, PrintWriter out, Consumer<String> progress) {
        this.manifest = manifest;
        this.relayerDir = relayerDir;
        this.out = out;
        this.progress = progress;
    }

    void run(long brainId, Credentials owner, Credentials miner, Credentials validator, DemoSteps steps) throws Exception {
        try (EthereumSession ethereum = EthereumSession.open(manifest); BasedSession based = BasedSession.open(manifest);
                LocalRelayers relayers = new LocalRelayers(ethereum, based, relayerDir, LocalRelayers.DEVNET_CONFIRMATIONS, progress)) {
            BigInteger id = BigInteger.valueOf(brainId);
            steps.next(relayers.count() + " relayers (2-of-3, " + LocalRelayers.DEVNET_CONFIRMATIONS + " confirmations) mirror Brain #"
                    + brainId + " to the BasedAI chain; configuring it there");
            var registry = based.registry(based.reader());
            relayers.await("Brain #" + brainId, () -> call(() -> registry.ownerOf(id).send().equalsIgnoreCase(owner.getAddress())));
            for (Credentials who : List.of(owner, miner, validator)) {
                DevnetFaucet.fundBased(based, who.getAddress(), DevnetFaucet.DEFAULT_ETH, Pepe.units(2_000), progress);
            }
            based.registry(based.signer(owner)).configure(id, "Demo Brain", ModelId.bundled("tiny").toString(), "https://example.org/basedai/poly-gpt-tiny",
                    owner.getAddress(), BigInteger.valueOf(5_000), BigInteger.ZERO).send();

            steps.next("memorizing one miner and one validator (100 BASED fee each, paid to the owner)");
            memorize(based, id, miner, NodeRole.MINER);
            memorize(based, id, validator, NodeRole.VALIDATOR);

            steps.next("staking: the owner delegates 1,000 BASED to the validator, which stakes 500 on itself");
            stake(based, id, owner, validator.getAddress(), OWNER_STAKE);
            stake(based, id, validator, validator.getAddress(), VALIDATOR_STAKE);

            steps.next("Brain #" + brainId + " is a GigaBrain: propose, vote (with a Pepecoin chamber vote on Ethereum) and execute");
            GovernanceClient governance = new GovernanceClient(based);
            PepeChamberClient chamber = new PepeChamberClient(ethereum, based);
            BigInteger proposal = governance.propose(owner, List.of(ProposalAction.parse("bonus-pool=1500")),
                    "demo, Brain #" + brainId + ": raise the bonus pool to 15%");
            chamber.announce(owner, proposal);
            relayers.await("the chamber's voting window", () -> call(() -> chamber.window(proposal).opened()));
            new DevnetFaucet(ethereum).fund(owner.getAddress(), BigInteger.ZERO, CHAMBER_VOTE, progress);
            chamber.vote(owner, proposal, GovernanceClient.Support.FOR, CHAMBER_VOTE);
            DevnetClock.mine(based.node(), 2);
            governance.vote(owner, proposal, brainId, GovernanceClient.Support.FOR, "demo");
            DevnetClock.mine(based.node(), based.governor(based.reader()).votingPeriod().send().longValueExact() + 1);
            governance.advance(owner, proposal);
            DevnetClock.advance(based.node(), Duration.ofSeconds(2));
            ProposalState state = governance.advance(owner, proposal);
            out.println("      proposal " + state.name().toLowerCase() + ": bonus pool is now "
                    + based.emission(based.reader()).bonusPoolBps().send() + " bps");

            long windowCloses = chamber.window(proposal).closesAt().getEpochSecond();
            long ethereumNow = ethereum.node().web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
                    .send().getBlock().getTimestamp().longValueExact();
            if (ethereumNow < windowCloses) DevnetClock.advance(ethereum.node(), Duration.ofSeconds(windowCloses - ethereumNow + 1));
            chamber.sendTally(owner, proposal);
            relayers.await("the chamber's tally", () -> call(() -> chamber.storedTally(proposal).recorded()));
            var tally = chamber.storedTally(proposal);
            BigInteger returned = chamber.withdraw(owner, proposal);
            out.println("      Pepecoin chamber: for " + Pepe.format(tally.support()) + ", against " + Pepe.format(tally.against())
                    + " PEPE, stored with the proposal on BasedAI; " + Pepe.format(returned) + " PEPE escrow returned");
        }
    }

    /** A chain read inside a wait condition; a failed read counts as not yet. */
    private static boolean call(java.util.concurrent.Callable<Boolean> read) {
        try {
            return read.call();
        } catch (Exception notYet) {
            return false;
        }
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
