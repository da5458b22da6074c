package ai.based.chain.devnet;

import ai.based.chain.ChainException;
import ai.based.chain.ChainNode;
import ai.based.chain.anvil.DevnetClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Keeps a devnet's clock across {@code down}/{@code up}. Anvil's state file holds accounts and blocks but not the
 * offset that evm_increaseTime added to the wall clock, so a resumed node would stamp new blocks with the wall-clock
 * time, before its last block: time-locked state (stake unlocks, vote windows) would shift back. {@link #save} records
 * how far the newest block runs ahead of the wall clock; {@link #restore} moves the resumed node's clock that far
 * forward again, so its time never goes backwards.
 */
final class DevnetClockFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final LongSupplier wallClockSeconds;

    DevnetClockFile(Path file) {
        this(file, () -> Instant.now().getEpochSecond());
    }

    DevnetClockFile(Path file, LongSupplier wallClockSeconds) {
        this.file = file;
        this.wallClockSeconds = wallClockSeconds;
    }

    /** Records how many seconds the node's newest block is ahead of the wall clock (zero when it is not). */
    void save(ChainNode node) {
        long offset = Math.max(0, newestBlockTimestamp(node) - wallClockSeconds.getAsLong());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), Map.of("offsetSeconds", offset));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the devnet clock offset to " + file, e);
        }
    }

    /** The offset recorded by the last {@link #save}, or zero when none was. */
    long offsetSeconds() {
        if (!Files.exists(file)) return 0;
        try {
            return JSON.readTree(file.toFile()).path("offsetSeconds").asLong(0);
        } catch (IOException e) {
            throw new ChainException("cannot read the devnet clock offset in " + file + " (" + e.getMessage()
                    + "); delete the file to resume at wall-clock time", e);
        }
    }

    /** Moves a resumed node's clock forward by the recorded offset; returns the seconds it moved. */
    long restore(ChainNode node) {
        long offset = offsetSeconds();
        if (offset > 0) DevnetClock.shift(node, offset);
        return offset;
    }

    private static long newestBlockTimestamp(ChainNode node) {
        try {
            return node.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact();
        } catch (IOException e) {
            throw ChainException.unreachable(node.rpcUrl(), e);
        }
    }
}
