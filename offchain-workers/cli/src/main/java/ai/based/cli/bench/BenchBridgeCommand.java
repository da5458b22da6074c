package ai.based.cli.bench;

import ai.based.bridge.MessengerEnd;
import ai.based.chain.ChainNode;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.TxManager;
import ai.based.cli.BaseCommand;
import ai.based.cli.LocalRelayers;
import ai.based.contracts.BasedBridge;
import ai.based.contracts.EthereumBridge;
import ai.based.client.manifest.BridgeContracts;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end bridge latency (lock to mint, burn to release) in source blocks and seconds, and relayer throughput with
 * batching, on throwaway devnets with the three devnet relayers in this process at the devnet confirmation depth.
 * Both devnets produce a block every --block-ms while it runs, as live chains would.
 */
@Command(name = "bridge", description = "Bridge latency (lock->mint, burn->release) in blocks and seconds, and relayer messages/s with batching.")
public final class BenchBridgeCommand extends BaseCommand {
    @Option(names = "--messages", defaultValue = "1000", description = "messages for the throughput run (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--samples", defaultValue = "5", description = "round trips for the latency run (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--hostile-percent", defaultValue = "10", description = "share of hostile messages (return bombs, gas "
            + "guzzlers, huge reverts) in the second throughput run; 0 skips it (default: ${DEFAULT-VALUE})")
    int hostilePercent;

    @Option(names = "--hostile-gas", defaultValue = "1000000", description = "gas limit each hostile message asks for (and pays "
            + "for); at most 5,000,000 (default: ${DEFAULT-VALUE})")
    long hostileGas;

    @Option(names = "--block-ms", defaultValue = "250", description = "block interval of both devnets during the run (default: ${DEFAULT-VALUE})")
    long blockMs;

    /** The bridging user's devnet key: derived when the bench runs, not when picocli builds the command tree. */
    private Credentials user;

    @Override
    protected void run() throws Exception {
        user = DevAccounts.account(2);
        out().println(MachineLoad.describe());
        out().println("bridge: 3 relayers (2-of-3) in-process, HTTP attestation exchange on loopback, confirmation depth "
                + LocalRelayers.DEVNET_CONFIRMATIONS + ", batches of up to 100 messages and 24 M gas of message limits");
        try (ThrowawayDevnet devnet = new ThrowawayDevnet(); EthereumSession ethereum = EthereumSession.open(devnet.manifest);
                BasedSession basedai = BasedSession.open(devnet.manifest)) {
            BigInteger unit = Pepe.units(1);
            basedai.token(basedai.signer(DevAccounts.account(1))).transfer(user.getAddress(), unit.multiply(BigInteger.valueOf(messages + 1000L))).send();
            basedai.token(basedai.signer(user)).approve(basedai.address(BridgeContracts.BASED_BRIDGE),
                    unit.multiply(BigInteger.valueOf(messages + 1000L))).send();
            BasedBridge based = BasedBridge.load(basedai.address(BridgeContracts.BASED_BRIDGE), basedai.node().web3j(), basedai.signer(user),
                    TxManager.WRAPPER_GAS);
            EthereumBridge eth = EthereumBridge.load(ethereum.address(BridgeContracts.ETHEREUM_BRIDGE), ethereum.node().web3j(),
                    ethereum.signer(user), TxManager.WRAPPER_GAS);

            double clean;
            long t0 = System.nanoTime();
            List<byte[]> queued = new ArrayList<>();
            for (int i = 0; i < messages; i++) queued.add(lockHash(based.bridgeToEthereum(user.getAddress(), unit).send()));
            out().printf("throughput: %d locks queued on BasedAI in %.1f s (not counted)%n", messages, seconds(t0));
            DevnetClock.mine(basedai.node(), LocalRelayers.DEVNET_CONFIRMATIONS);

            MessengerEnd toEthereum = MessengerEnd.ethereum(ethereum);
            MessengerEnd toBasedAi = MessengerEnd.basedai(basedai);
            ScheduledExecutorService blocks = Executors.newSingleThreadScheduledExecutor();
            try (LocalRelayers relayers = new LocalRelayers(ethereum, basedai, devnet.home.resolve("relayers"),
                    LocalRelayers.DEVNET_CONFIRMATIONS, line -> {})) {
                long start = System.nanoTime();
                byte[] last = queued.getLast();
                relayers.await(messages + " messages", () -> executed(toEthereum, last));
                for (byte[] hash : queued) {
                    if (!toEthereum.executed(hash)) throw new IllegalStateException("a message was skipped");
                }
                double elapsed = seconds(start);
                out().printf("throughput: %d messages delivered in %.2f s = %.0f messages/s (target >= 100)%n", messages, elapsed,
                        messages / elapsed);
                clean = messages / elapsed;

                blocks.scheduleAtFixedRate(() -> {
                    for (ChainNode chain : List.of(ethereum.node(), basedai.node())) DevnetClock.mine(chain, 1);
                }, blockMs, blockMs, TimeUnit.MILLISECONDS);
                List<long[]> lockToMint = new ArrayList<>();
                List<long[]> burnToRelease = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    TransactionReceipt lock = based.bridgeToEthereum(user.getAddress(), unit).send();
                    lockToMint.add(latency(basedai.node(), toEthereum, lockHash(lock), lock.getBlockNumber().longValueExact()));
                    TransactionReceipt burn = eth.bridgeToBasedAi(user.getAddress(), unit).send();
                    burnToRelease.add(latency(ethereum.node(), toBasedAi,
                            EthereumBridge.getBridgeInitiatedEvents(burn).getFirst().messageHash, burn.getBlockNumber().longValueExact()));
                }
                report("lock -> mint   ", lockToMint);
                report("burn -> release", burnToRelease);
            } finally {
                blocks.shutdownNow();
            }
            if (hostilePercent > 0) hostileThroughput(ethereum, basedai, based, unit, devnet, clean);
        }
    }

    /**
     * The same throughput run with every (100 / hostilePercent)-th message hostile, queued while the relayers are down
     * and delivered by the same relayers restarted from their stores: honest messages delivered per second beside the
     * clean figure, every hostile one recorded executed or failed.
     */
    private void hostileThroughput(EthereumSession ethereum, BasedSession basedai, BasedBridge based, BigInteger unit,
            ThrowawayDevnet devnet, double clean) throws Exception {
        MessengerEnd toEthereum = MessengerEnd.ethereum(ethereum);
        HostileMessages.install(ethereum.node());
        MessengerEnd fromBasedAi = MessengerEnd.basedai(basedai);
        Credentials attacker = DevAccounts.account(4);
        int every = Math.max(1, 100 / Math.min(100, hostilePercent));
        List<byte[]> honest = new ArrayList<>();
        List<byte[]> hostile = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            if (i % every == every - 1) hostile.add(HostileMessages.send(fromBasedAi, attacker, hostile.size(), hostileGas));
            else honest.add(lockHash(based.bridgeToEthereum(user.getAddress(), unit).send()));
        }
        DevnetClock.mine(basedai.node(), LocalRelayers.DEVNET_CONFIRMATIONS);
        double elapsed;
        try (LocalRelayers relayers = new LocalRelayers(ethereum, basedai, devnet.home.resolve("relayers"),
                LocalRelayers.DEVNET_CONFIRMATIONS, line -> {})) {
            long start = System.nanoTime();
            // batches holding guzzlers take longer, so messages land out of order: wait for every one, oldest first
            int[] next = {0};
            relayers.await(messages + " messages with " + hostile.size() + " hostile", () -> {
                while (next[0] < honest.size() && executed(toEthereum, honest.get(next[0]))) next[0]++;
                return next[0] == honest.size() && delivered(toEthereum, hostile.getLast());
            });
            elapsed = seconds(start);
        }
        int settled = 0;
        for (byte[] hash : hostile) if (delivered(toEthereum, hash)) settled++;
        out().printf("throughput with %d%% hostile messages (%d gas each): %d honest delivered in %.2f s = %.0f honest messages/s "
                + "(clean run: %.0f); %d of %d hostile recorded executed or failed%n", hostilePercent, hostileGas, honest.size(), elapsed,
                honest.size() / elapsed, clean, settled, hostile.size());
    }

    private static boolean delivered(MessengerEnd destination, byte[] hash) {
        try {
            return destination.executed(hash) || destination.failed(hash);
        } catch (Exception notYet) {
            return false;
        }
    }

    private static byte[] lockHash(TransactionReceipt receipt) {
        return BasedBridge.getBridgeInitiatedEvents(receipt).getFirst().messageHash;
    }

    private static boolean executed(MessengerEnd destination, byte[] hash) {
        try {
            return destination.executed(hash);
        } catch (Exception notYet) {
            return false;
        }
    }

    /** {source blocks from the send's block to the head when delivery is seen, milliseconds from the send's receipt}. */
    private static long[] latency(ChainNode source, MessengerEnd destination, byte[] hash, long sentBlock) throws Exception {
        long start = System.nanoTime();
        while (!destination.executed(hash)) Thread.sleep(5);
        return new long[] {source.blockNumber().longValueExact() - sentBlock, (System.nanoTime() - start) / 1_000_000};
    }

    private void report(String what, List<long[]> samples) {
        List<Long> blocks = new ArrayList<>(samples.stream().map(s -> s[0]).toList());
        List<Long> millis = new ArrayList<>(samples.stream().map(s -> s[1]).toList());
        Collections.sort(blocks);
        Collections.sort(millis);
        out().printf("latency %s: median %d blocks (max %d; target <= %d) / %.2f s at %d ms blocks, over %d samples%n", what,
                blocks.get(blocks.size() / 2), blocks.getLast(), LocalRelayers.DEVNET_CONFIRMATIONS + 2, millis.get(millis.size() / 2) / 1e3,
                blockMs, samples.size());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
