package ai.based.chain.devnet;

import ai.based.chain.ChainException;
import ai.based.chain.ExternalRpcNode;
import ai.based.chain.anvil.AnvilConfig;
import ai.based.chain.anvil.AnvilNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts, finds and stops the two devnet nodes of a data directory. Nodes run detached, so they outlive the
 * command that started them; each chain keeps its state file, log and a small JSON record of the running
 * process in the data directory. {@code down} stops them with SIGTERM so that anvil dumps its state, and the
 * next {@code up} loads it: balances, contracts and Brains survive.
 */
public final class DevnetManager {
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;

    public DevnetManager(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Starts whatever chain is not already answering; idempotent. */
    public List<RunningNode> up(DevnetMode mode, Consumer<String> progress) {
        List<RunningNode> nodes = new ArrayList<>();
        for (DevnetChain chain : DevnetChain.values()) {
            Optional<RunningNode> running = running(chain);
            if (running.isPresent()) {
                progress.accept(chain.key() + " devnet already up at " + running.get().rpcUrl());
                nodes.add(running.get());
                continue;
            }
            nodes.add(start(chain, mode, progress));
        }
        return nodes;
    }

    /**
     * Stops both chains, waiting for each state dump. The records stay so that the next {@code up} reuses
     * the same ports and the manifest's RPC URLs stay valid. Returns the chains it stopped.
     */
    public List<DevnetChain> down(Consumer<String> progress) {
        List<DevnetChain> stopped = new ArrayList<>();
        for (DevnetChain chain : DevnetChain.values()) {
            Optional<RunningNode> recorded = recorded(chain);
            if (recorded.isEmpty()) continue;
            Optional<ProcessHandle> process = anvilProcess(recorded.get());
            if (process.isPresent()) {
                progress.accept("stopping " + chain.key() + " devnet (pid " + recorded.get().pid() + "), saving its state");
                stop(process.get());
                stopped.add(chain);
            }
        }
        return stopped;
    }

    public List<NodeStatus> status() {
        List<NodeStatus> statuses = new ArrayList<>();
        for (DevnetChain chain : DevnetChain.values()) {
            Optional<RunningNode> recorded = recorded(chain);
            Optional<RunningNode> running = recorded.filter(node -> answers(node));
            Optional<BigInteger> height = running.map(node -> {
                try (ExternalRpcNode rpc = ExternalRpcNode.connect(node.rpcUrl(), node.chainId())) {
                    return rpc.blockNumber();
                }
            });
            statuses.add(new NodeStatus(chain, recorded, running.isPresent(), height));
        }
        return statuses;
    }

    /** The recorded node of a chain if it is alive and answers with the right chain id. */
    public Optional<RunningNode> running(DevnetChain chain) {
        return recorded(chain).filter(this::answers);
    }

    public RunningNode require(DevnetChain chain) {
        return running(chain).orElseThrow(() -> new ChainException("the " + chain.key()
                + " devnet is not running (data directory " + dataDir + "): start it with 'based devnet up'"));
    }

    public Path stateFile(DevnetChain chain) {
        return dataDir.resolve(chain.key() + ".state.json");
    }

    public Path logFile(DevnetChain chain) {
        return dataDir.resolve(chain.key() + ".log");
    }

    private RunningNode start(DevnetChain chain, DevnetMode mode, Consumer<String> progress) {
        int port = recorded(chain).map(RunningNode::port).orElse(0);
        AnvilConfig config = new AnvilConfig(chain.chainId(), port, AnvilConfig.DEFAULT_ACCOUNTS,
                AnvilConfig.DEFAULT_BALANCE_ETH, mode.blockMode(chain), Optional.of(stateFile(chain)),
                logFile(chain), true);
        boolean resumed = Files.exists(stateFile(chain));
        progress.accept("starting " + chain.key() + " devnet (chain " + chain.chainId() + ", "
                + mode.blockMode(chain) + (resumed ? ", resuming saved state" : ", fresh state") + ")");
        AnvilNode node;
        try {
            node = AnvilNode.start(config);
        } catch (ChainException portTaken) {
            if (port == 0) throw portTaken;
            node = AnvilNode.start(config.withPort(0));
        }
        RunningNode running = new RunningNode(chain.key(), chain.chainId(), node.config().port(), node.pid(),
                node.rpcUrl(), mode.blockMode(chain).toString());
        node.close(); // detached: lets go of the client, the process keeps running
        writeRecord(chain, running);
        progress.accept(chain.key() + " devnet up at " + running.rpcUrl());
        return running;
    }

    private boolean answers(RunningNode node) {
        if (anvilProcess(node).isEmpty()) return false;
        try (ExternalRpcNode rpc = ExternalRpcNode.connect(node.rpcUrl(), node.chainId())) {
            return true;
        } catch (ChainException e) {
            return false;
        }
    }

    /** The recorded process, if it is still alive and still anvil (pids get reused). */
    private static Optional<ProcessHandle> anvilProcess(RunningNode node) {
        return ProcessHandle.of(node.pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("anvil")).orElse(false));
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new ChainException("devnet process " + process.pid() + " did not stop within "
                    + STOP_TIMEOUT_SECONDS + " s and was killed; its last state may not be saved", e);
        }
    }

    private Path recordFile(DevnetChain chain) {
        return dataDir.resolve(chain.key() + ".node.json");
    }

    private Optional<RunningNode> recorded(DevnetChain chain) {
        Path file = recordFile(chain);
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunningNode.class));
        } catch (IOException e) {
            throw new ChainException("cannot read " + file + " (" + e.getMessage()
                    + "); stop any anvil left running and delete the file", e);
        }
    }

    private void writeRecord(DevnetChain chain, RunningNode node) {
        try {
            Files.createDirectories(dataDir);
            Path tmp = Files.createTempFile(dataDir, chain.key(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), node);
            Files.move(tmp, recordFile(chain), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the " + chain.key() + " devnet in " + dataDir, e);
        }
    }
}
