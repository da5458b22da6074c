package ai.based.cli.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", description = "Benchmarks; each prints its figures with the machine's load.",
        subcommands = {BenchDevnetCommand.class, BenchEconomicsCommand.class, BenchCkksCommand.class, BenchCkksGpuCommand.class,
            BenchBridgeCommand.class, BenchZkllmCommand.class, BenchMinerCommand.class, BenchDiagnosisCommand.class,
            BenchConsensusCommand.class})
public final class BenchCommand {}
