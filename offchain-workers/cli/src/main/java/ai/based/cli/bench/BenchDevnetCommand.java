package ai.based.cli.bench;

import ai.based.chain.anvil.DevnetClock;
import ai.based.cli.BaseCommand;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import ai.based.client.brains.Acquired;
import ai.based.client.brains.AcquisitionMethod;
import ai.based.client.brains.BrainClient;
import ai.based.client.devnet.DevnetFaucet;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cold devnet start plus deploy-all, Brain acquisition throughput through the library path the CLI uses,
 * and gas per user operation, on a throwaway devnet in a temporary home.
 */
@Command(name = "devnet", description = "Time devnet up + deploy-all from cold, acquisitions per second, and gas per operation.")
public final class BenchDevnetCommand extends BaseCommand {
    private static final Duration STAKE_LOCK = Duration.ofDays(90);

    @Option(names = "--acquisitions", defaultValue = "100", description = "acquisitions by burn to time (default: ${DEFAULT-VALUE})")
    int acquisitions;

    @Override
    protected void run() throws Exception {
        out().println(MachineLoad.describe());
        try (ThrowawayDevnet devnet = new ThrowawayDevnet()) {
            out().printf("devnet up (2 chains, cold)       %7.0f ms%n", ms(devnet.upNanos));
            out().printf("deploy-all (both chains)         %7.0f ms%n", ms(devnet.deployNanos));
            out().printf("up + deploy-all                  %7.0f ms   (target < 5000 ms)%n", ms(devnet.upNanos + devnet.deployNanos));
            try (EthereumSession session = EthereumSession.open(devnet.manifest)) {
                measureAcquisitions(session);
            }
        }
    }

    private void measureAcquisitions(EthereumSession session) throws Exception {
        Credentials buyer = Credentials.create(Keys.createEcKeyPair());
        BigInteger n = BigInteger.valueOf(acquisitions);
        // Sum of burn prices 1000 + 200k for k < n, plus one stake and one more burn for the gas figures.
        BigInteger pepe = Pepe.units(1_000).multiply(n.add(BigInteger.ONE))
                .add(Pepe.units(100).multiply(n.add(BigInteger.ONE)).multiply(n))
                .add(Pepe.units(100_000));
        new DevnetFaucet(session).fund(buyer.getAddress(), DevnetFaucet.DEFAULT_ETH, pepe, line -> {});
        BrainClient brains = new BrainClient(session);

        Acquired first = brains.acquire(buyer, AcquisitionMethod.BURN, line -> {});
        long t0 = System.nanoTime();
        for (int i = 0; i < acquisitions; i++) {
            brains.acquire(buyer, AcquisitionMethod.BURN, line -> {});
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out().printf("acquire by burn, library path    %7.1f Brains/s (%d in %.2f s, approve + acquire each)%n",
                acquisitions / seconds, acquisitions, seconds);

        Acquired staked = brains.acquire(buyer, AcquisitionMethod.STAKE, line -> {});
        TransactionReceipt link = brains.link(buyer, staked.brainId(), buyer.getAddress());
        DevnetClock.advance(session.node(), STAKE_LOCK);
        TransactionReceipt deactivate = brains.deactivate(buyer, staked.brainId());
        out().printf("gas acquireByBurn (first)        %7d        (target <= 180000)%n", first.gasUsed());
        out().printf("gas acquireByStake               %7d%n", staked.gasUsed());
        out().printf("gas linkBasedWallet              %7d%n", link.getGasUsed());
        out().printf("gas deactivate                   %7d%n", deactivate.getGasUsed());
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
