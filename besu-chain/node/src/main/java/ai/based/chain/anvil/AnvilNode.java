package ai.based.chain.anvil;

import ai.based.chain.ChainException;
import ai.based.chain.ChainNode;
import ai.based.chain.Rpc;
import ai.based.chain.WrongChainException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.Web3j;

/**
 * An Anvil process started by this JVM. Its output goes to a log file (an unread pipe would stall it), it is
 * ready once eth_chainId answers with the configured id, and {@link #close()} stops it with SIGTERM so that
 * a configured state file is dumped.
 */
public final class AnvilNode implements ChainNode {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration READY_POLL = Duration.ofMillis(25);

    private final AnvilConfig config;
    private final Process process;
    private final String rpcUrl;
    private final Web3j web3j;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private AnvilNode(AnvilConfig config, Process process, String rpcUrl) {
        this.config = config;
        this.process = process;
        this.rpcUrl = rpcUrl;
        this.web3j = Rpc.connect(rpcUrl);
        this.shutdownHook = config.detached() ? null : new Thread(this::stopProcess, "anvil-stop-" + config.chainId());
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Starts anvil and returns once it answers on its RPC port with the configured chain id. */
    public static AnvilNode start(AnvilConfig requested) {
        AnvilConfig config = requested.port() == 0 ? requested.withPort(FreePort.pick()) : requested;
        if (!FreePort.isFree(config.port())) {
            throw new ChainException("cannot start the devnet of chain " + config.chainId() + ": port "
                    + config.port() + " on 127.0.0.1 is taken");
        }
        Process process = launch(config);
        AnvilNode node = new AnvilNode(config, process, "http://127.0.0.1:" + config.port());
        try {
            node.awaitReady();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    public AnvilConfig config() {
        return config;
    }

    /** Process id; for a detached node it is the anvil process itself. */
    public long pid() {
        return process.pid();
    }

    @Override
    public long chainId() {
        return config.chainId();
    }

    @Override
    public String rpcUrl() {
        return rpcUrl;
    }

    @Override
    public Web3j web3j() {
        return web3j;
    }

    /** For a detached node this only lets go of it; otherwise the process is stopped and its state dumped. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        web3j.shutdown();
        if (shutdownHook != null) {
            stopProcess();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook itself is running or ran; nothing to undo
            }
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new ChainException("anvil for chain " + config.chainId() + " exited with code "
                        + process.exitValue() + " while starting; its log " + config.logFile() + " ends with:\n"
                        + logTail());
            }
            try {
                long chainId = Rpc.chainId(web3j, rpcUrl);
                if (chainId != config.chainId()) {
                    throw ChainException.wrongChain(rpcUrl, config.chainId(), chainId);
                }
                return;
            } catch (WrongChainException e) {
                throw e;
            } catch (ChainException notYetListening) {
                sleep(READY_POLL);
            }
        }
        throw new ChainException("anvil for chain " + config.chainId() + " did not answer on " + rpcUrl
                + " within " + READY_TIMEOUT.toSeconds() + " s; see " + config.logFile());
    }

    private static Process launch(AnvilConfig config) {
        List<String> command = new ArrayList<>();
        List<String> anvil = anvilCommand(config);
        if (config.detached()) {
            // A session of its own: the devnet survives the CLI that started it and the terminal's signals.
            command.add("setsid");
            command.addAll(anvil);
        } else {
            command.addAll(List.of("sh", "-c", WATCHDOG, "anvil-watchdog", Long.toString(ProcessHandle.current().pid())));
            command.addAll(anvil);
        }
        try {
            Files.createDirectories(config.logFile().toAbsolutePath().getParent());
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start anvil (" + String.join(" ", anvil) + ")", e);
        }
    }

    /**
     * Runs anvil as a child of a small shell that watches this JVM: when the JVM is gone (even after
     * kill -9, where no shutdown hook runs) anvil gets SIGTERM, and a SIGTERM to the shell is passed on,
     * so the state file is still dumped.
     */
    private static final String WATCHDOG = """
            jvm=$1; shift
            "$@" & node=$!
            sleeper=
            trap 'kill -TERM $node $sleeper 2>/dev/null; wait $node; exit 0' TERM INT
            while kill -0 "$jvm" 2>/dev/null && kill -0 $node 2>/dev/null; do
              sleep 1 & sleeper=$!; wait $sleeper
            done
            kill -TERM $node 2>/dev/null; wait $node
            """;

    /**
     * The EVM version the contracts are compiled for (EVM_VERSION in contracts/scripts/compile.js; AnvilNodeTest keeps
     * the two equal). Anvil's default, Prague, also stores each block's parent hash in the EIP-2935 history contract,
     * and anvil rebuilds the whole state root per mined block: each block took about 0.9 ms longer per 1,000 blocks of
     * height (8,640 empty blocks: 40 s on a fresh node, 2 s on Cancun).
     */
    static final String HARDFORK = "cancun";

    static List<String> anvilCommand(AnvilConfig config) {
        List<String> args = new ArrayList<>(List.of(
                AnvilBinary.locate().toString(),
                "--host", "127.0.0.1",
                "--port", Integer.toString(config.port()),
                "--chain-id", Long.toString(config.chainId()),
                "--accounts", Integer.toString(config.accounts()),
                "--balance", Long.toString(config.balanceEth()),
                "--mnemonic", DevAccounts.MNEMONIC,
                // Anvil otherwise spills old block states to ~/.foundry/anvil/tmp and never removes them: about 1 GB
                // per devnet that mines epochs, which filled this machine's disk after a few test runs. Nothing here
                // reads state at old blocks (logs stay available), so none is kept on disk.
                "--max-persisted-states", "0",
                "--hardfork", HARDFORK));
        if (!config.blockMode().isAutomine()) {
            args.addAll(List.of("--block-time", Long.toString(config.blockMode().interval().toSeconds())));
        }
        if (config.genesisNumber() > 0) {
            args.addAll(List.of("--number", Long.toString(config.genesisNumber())));
        }
        config.stateFile().ifPresent(file -> args.addAll(List.of("--state", file.toAbsolutePath().toString())));
        return args;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(config.logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException("interrupted while waiting for anvil", e);
        }
    }
}
