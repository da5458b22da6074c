package ai.based.cli;

import ai.based.cli.enforcer.EnforcerCommand;
import ai.based.cli.weights.WeightsCommand;
import ai.based.cli.basedai.AccountCommand;
import ai.based.cli.basedai.BrainCommand;
import ai.based.cli.basedai.EmissionsCommand;
import ai.based.cli.basedai.MemorizeCommand;
import ai.based.cli.basedai.StakeCommand;
import ai.based.cli.bench.BenchCommand;
import ai.based.cli.brains.BrainsCommand;
import ai.based.cli.bridge.BridgeCommand;
import ai.based.cli.devnet.DevnetCommand;
import ai.based.cli.fhe.FheCommand;
import ai.based.cli.query.DiagnoseCommand;
import ai.based.cli.query.QueryCommand;
import ai.based.cli.miner.MinerCommand;
import ai.based.cli.model.ModelCommand;
import ai.based.cli.gigabrain.GigabrainCommand;
import ai.based.cli.oracle.OracleCommand;
import ai.based.cli.portal.PortalCommand;
import ai.based.cli.relayer.RelayerCommand;
import ai.based.cli.validator.ValidatorCommand;
import ai.based.cli.wallet.WalletCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The based command: the composition root where every module meets. */
@Command(
        name = "based",
        // --help and --version on every command and subcommand, not only the top one
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = "based 0.1.0",
        description = "BasedAI: Brains, encrypted LLM queries and $BASED on two chains.",
        subcommands = {
            DevnetCommand.class,
            DeployCommand.class,
            WalletCommand.class,
            BrainsCommand.class,
            BrainCommand.class,
            MemorizeCommand.class,
            StakeCommand.class,
            AccountCommand.class,
            EmissionsCommand.class,
            WeightsCommand.class,
            GigabrainCommand.class,
            FheCommand.class,
            ModelCommand.class,
            QueryCommand.class,
            DiagnoseCommand.class,
            MinerCommand.class,
            ValidatorCommand.class,
            BridgeCommand.class,
            RelayerCommand.class,
            OracleCommand.class,
            EnforcerCommand.class,
            PortalCommand.class,
            DemoCommand.class,
            BenchCommand.class
        })
public final class BasedCommand {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line in this JVM; tests use it with their own writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new BasedCommand())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter())
                .setExitCodeExceptionMapper(ErrorReporter::exitCode);
        return commandLine.execute(args);
    }
}
