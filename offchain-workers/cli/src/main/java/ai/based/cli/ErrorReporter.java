package ai.based.cli;

import ai.based.chain.ChainException;
import ai.based.chain.WrongChainException;
import ai.based.chain.tx.ContractRevertException;
import ai.based.client.manifest.DeploymentException;
import ai.based.client.brains.BrainException;
import ai.based.client.InsufficientFundsException;
import ai.based.client.InvalidInputException;
import ai.based.client.basedai.WeightsException;
import ai.based.client.market.MarketException;
import ai.based.client.wallet.WalletException;
import ai.based.client.wallet.WrongPasswordException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The one place where failures become a message on stderr and a named exit code. */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        command.getErr().println("based: " + message(e));
        if (Boolean.getBoolean("based.debug")) e.printStackTrace(command.getErr());
        command.getErr().flush();
        return exitCode(e);
    }

    static int exitCode(Throwable e) {
        return switch (e) {
            case CommandLine.ParameterException p -> ExitCodes.USAGE;
            case WrongPasswordException w -> ExitCodes.WRONG_PASSWORD;
            case WrongChainException w -> ExitCodes.WRONG_CHAIN;
            case BrainException b -> switch (b.reason()) {
                case INSUFFICIENT_FUNDS -> ExitCodes.INSUFFICIENT_FUNDS;
                case NO_SUCH_BRAIN -> ExitCodes.NOT_FOUND;
                case INVALID_INPUT -> ExitCodes.USAGE;
                default -> ExitCodes.REFUSED;
            };
            case ContractRevertException r when r.revert().is("ERC20InsufficientBalance") -> ExitCodes.INSUFFICIENT_FUNDS;
            case ContractRevertException r -> ExitCodes.REFUSED;
            case ChainException c -> ExitCodes.NODE_UNAVAILABLE;
            case WalletException w -> switch (w.reason()) {
                case NOT_FOUND -> ExitCodes.NOT_FOUND;
                case EXISTS -> ExitCodes.REFUSED;
                case INVALID_INPUT -> ExitCodes.USAGE;
                case STORAGE -> ExitCodes.FAILURE;
            };
            case MarketException m -> switch (m.reason()) {
                case INSUFFICIENT_FUNDS -> ExitCodes.INSUFFICIENT_FUNDS;
                case INVALID_INPUT -> ExitCodes.USAGE;
                case NO_WITHDRAWAL -> ExitCodes.NOT_FOUND;
                default -> ExitCodes.REFUSED;
            };
            case WeightsException w -> switch (w.reason()) {
                case INVALID_INPUT -> ExitCodes.USAGE;
                case CHAIN -> ExitCodes.NODE_UNAVAILABLE;
                default -> ExitCodes.REFUSED;
            };
            case InsufficientFundsException f -> ExitCodes.INSUFFICIENT_FUNDS;
            case InvalidInputException i -> ExitCodes.USAGE;
            case DeploymentException d -> ExitCodes.NOT_FOUND;
            case ai.based.fhe.io.MalformedInputException i -> ExitCodes.USAGE;
            // A JDK IllegalArgumentException is a bug, not bad input: it exits FAILURE like any other unexpected error.
            case IllegalStateException i -> ExitCodes.REFUSED;
            default -> ExitCodes.FAILURE;
        };
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
