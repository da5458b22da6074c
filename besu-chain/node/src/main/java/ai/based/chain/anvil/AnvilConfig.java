package ai.based.chain.anvil;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What an embedded Anvil runs with.
 *
 * @param port 0 picks a free port on 127.0.0.1
 * @param stateFile where the chain is loaded from and dumped to on a graceful stop; empty for a throwaway chain
 * @param detached true for a devnet that outlives this JVM ({@code based devnet up}); false ties the node
 *     to this JVM so no process is left behind when it exits, even by kill -9
 * @param genesisNumber number of the genesis block (0 normally; tests that need a chain past year one start higher)
 */
public record AnvilConfig(
        long chainId,
        int port,
        int accounts,
        long balanceEth,
        BlockMode blockMode,
        Optional<Path> stateFile,
        Path logFile,
        boolean detached,
        long genesisNumber) {

    public static final int DEFAULT_ACCOUNTS = DevAccounts.FUNDED;
    public static final long DEFAULT_BALANCE_ETH = 10_000;

    public AnvilConfig {
        Objects.requireNonNull(blockMode, "blockMode");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(logFile, "logFile");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
        if (accounts < 1) throw new IllegalArgumentException("at least one dev account is needed");
    }

    public AnvilConfig(long chainId, int port, int accounts, long balanceEth, BlockMode blockMode,
            Optional<Path> stateFile, Path logFile, boolean detached) {
        this(chainId, port, accounts, balanceEth, blockMode, stateFile, logFile, detached, 0);
    }

    /** A throwaway automining chain that lives as long as this JVM; for tests and benchmarks. */
    public static AnvilConfig ephemeral(long chainId, Path logFile) {
        return new AnvilConfig(chainId, 0, DEFAULT_ACCOUNTS, DEFAULT_BALANCE_ETH, BlockMode.automine(),
                Optional.empty(), logFile, false);
    }

    public AnvilConfig withPort(int newPort) {
        return new AnvilConfig(chainId, newPort, accounts, balanceEth, blockMode, stateFile, logFile, detached, genesisNumber);
    }

    public AnvilConfig withGenesisNumber(long number) {
        return new AnvilConfig(chainId, port, accounts, balanceEth, blockMode, stateFile, logFile, detached, number);
    }
}
