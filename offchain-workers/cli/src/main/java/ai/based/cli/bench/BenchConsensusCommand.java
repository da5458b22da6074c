package ai.based.cli.bench;

import ai.based.cli.BaseCommand;
import ai.based.client.InvalidInputException;
import ai.based.protocol.Economics;
import ai.based.protocol.MerkleTree;
import ai.based.protocol.Reward;
import ai.based.protocol.consensus.BrainConsensusInput;
import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.consensus.YumaConsensus;
import ai.based.protocol.consensus.YumaParameters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Yuma consensus at scale: one full Brain single-threaded, then a whole network of Brains in parallel including
 * the per-account rewards, their Merkle tree and every proof. Each Brain is timed in its steady state (with last
 * epoch's bonds), after a warm-up that lets the JIT compile the arithmetic.
 */
@Command(name = "consensus", mixinStandardHelpOptions = true,
        description = "Yuma consensus: one Brain at full slots single-threaded (target <= 50 ms), and a network of Brains"
                + " with rewards, Merkle tree and proofs on --threads threads (target <= 5 s).")
public final class BenchConsensusCommand extends BaseCommand {
    private static final YumaParameters PARAMETERS = YumaParameters.defaults();
    private static final int TIMED_RUNS = 7;

    @Option(names = "--repeat", defaultValue = "3", description = "measurements of each figure; the spread is min-max (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--threads", defaultValue = "2", description = "threads for the network figure (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--brains", defaultValue = "1024", description = "Brains in the network figure (default: ${DEFAULT-VALUE})")
    int brains;

    @Option(names = "--network-validators", defaultValue = "32")
    int networkValidators;

    @Option(names = "--network-miners", defaultValue = "256")
    int networkMiners;

    @Override
    protected void run() throws Exception {
        if (repeat < 1 || threads < 1 || brains < 1 || networkValidators < 1 || networkMiners < 1) {
            throw new InvalidInputException("--repeat, --threads, --brains, --network-validators and --network-miners must be at least 1");
        }
        out().println(MachineLoad.describe());
        oneFullBrain();
        network();
        out().println(MachineLoad.describe());
    }

    /**
     * Wall time is what the target is about; the thread's CPU time beside it shows how much of the wall time other
     * processes took on a shared machine (a loaded 2-core machine stretches wall time, not CPU time).
     */
    private void oneFullBrain() {
        BrainConsensusInput input = steadyState(ConsensusWorkload.brain(Economics.VALIDATOR_SLOTS, Economics.MINER_SLOTS, 1));
        for (int i = 0; i < 10; i++) YumaConsensus.compute(input, PARAMETERS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[repeat];
        double[] cpu = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            double[] wallTimes = new double[TIMED_RUNS];
            double[] cpuTimes = new double[TIMED_RUNS];
            for (int k = 0; k < TIMED_RUNS; k++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                YumaConsensus.compute(input, PARAMETERS);
                wallTimes[k] = (System.nanoTime() - t0) / 1e6;
                cpuTimes[k] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            wall[r] = median(wallTimes);
            cpu[r] = median(cpuTimes);
        }
        out().printf("one Brain, %d validators x %d miners, dense, single thread: median of %d runs %s ms wall, %s ms thread CPU"
                + " (target <= 50 ms)%n", Economics.VALIDATOR_SLOTS, Economics.MINER_SLOTS, TIMED_RUNS, spread(wall, "%.1f"),
                spread(cpu, "%.1f"));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private void network() throws Exception {
        List<BrainConsensusInput> inputs = new ArrayList<>(brains);
        for (int b = 0; b < brains; b++) inputs.add(steadyState(ConsensusWorkload.brain(networkValidators, networkMiners, 1_000 + b)));
        String[][] accounts = accounts();
        try (ForkJoinPool pool = new ForkJoinPool(threads)) {
            networkPass(pool, inputs.subList(0, Math.max(1, brains / 8)), accounts);
            double[][] parts = new double[repeat][];
            for (int r = 0; r < repeat; r++) parts[r] = networkPass(pool, inputs, accounts);
            double[] consensus = column(parts, 0);
            double[] rewards = column(parts, 1);
            double[] merkle = column(parts, 2);
            double[] total = column(parts, 3);
            double[] cpu = column(parts, 4);
            int leaves = brains * (networkValidators + networkMiners);
            out().printf("network, %d Brains x (%d validators x %d miners) on %d threads: consensus %s s + rewards %s s"
                    + " + Merkle tree and %,d proofs %s s = %s s wall, %s s process CPU (target <= 5 s)%n", brains, networkValidators,
                    networkMiners, threads, spread(consensus, "%.2f"), spread(rewards, "%.2f"), leaves, spread(merkle, "%.2f"),
                    spread(total, "%.2f"), spread(cpu, "%.2f"));
        }
    }

    /** Seconds for consensus, rewards, Merkle tree with every proof, their total, and the process's CPU time. */
    private double[] networkPass(ForkJoinPool pool, List<BrainConsensusInput> inputs, String[][] accounts) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ConsensusResult[] results = pool.submit(() -> IntStream.range(0, inputs.size()).parallel()
                .mapToObj(b -> YumaConsensus.compute(inputs.get(b), PARAMETERS)).toArray(ConsensusResult[]::new)).get();
        long t1 = System.nanoTime();
        List<Reward> rewards = NetworkRewards.split(results, accounts);
        long t2 = System.nanoTime();
        MerkleTree tree = pool.submit(() -> MerkleTree.build(MerkleTree.rewardLeaves(0, rewards))).get();
        byte[] proof = new byte[tree.maxProofLength() * 32];
        for (int i = 0; i < tree.size(); i++) tree.proofInto(i, proof);
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9};
    }

    /** One account per validator and miner of every Brain, made before timing: they are on chain already. */
    private String[][] accounts() {
        String[][] out = new String[brains][networkValidators + networkMiners];
        long serial = 1;
        for (String[] brain : out) {
            for (int k = 0; k < brain.length; k++) brain[k] = String.format("0x%040x", serial++ * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
        }
        return out;
    }

    /** The input with the bonds its own previous epoch leaves: what an oracle sees every epoch after the first. */
    private static BrainConsensusInput steadyState(BrainConsensusInput input) {
        return input.withPreviousBonds(YumaConsensus.compute(input, PARAMETERS).bonds());
    }

    private static double[] column(double[][] rows, int index) {
        return Arrays.stream(rows).mapToDouble(row -> row[index]).toArray();
    }

    /** "a-b (x, y, z)" over the repeats, or the single figure. */
    private static String spread(double[] values, String format) {
        if (values.length == 1) return String.format(format, values[0]);
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        StringBuilder each = new StringBuilder();
        for (double v : values) each.append(each.isEmpty() ? "" : ", ").append(String.format(format, v));
        return String.format(format + "-" + format + " (%s)", min, max, each);
    }
}
