package ai.based.oracle;

import ai.based.protocol.Reward;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The published rewards of an epoch: every leaf of its Merkle tree, from which any account rebuilds the tree
 * and its proof to claim. The oracle writes it to {@code <home>/epochs/<network>/<epoch>.json}; on a public
 * network the same file is served next to the chain.
 */
public record EpochRewardsFile(long epoch, String root, List<Entry> rewards) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One leaf. */
    public record Entry(String account, String amount) {}

    public static EpochRewardsFile of(long epoch, byte[] root, List<Reward> rewards) {
        return new EpochRewardsFile(epoch, org.web3j.utils.Numeric.toHexString(root),
                rewards.stream().map(r -> new Entry(r.account(), r.amount().toString())).toList());
    }

    public List<Reward> asRewards() {
        return rewards.stream().map(e -> new Reward(e.account(), new BigInteger(e.amount()))).toList();
    }

    public static Path path(Path dir, long epoch) {
        return dir.resolve(epoch + ".json");
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "epoch", ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, path(dir, epoch), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rewards of epoch " + epoch + " to " + dir, e);
        }
    }

    public static Optional<EpochRewardsFile> read(Path dir, long epoch) {
        Path file = path(dir, epoch);
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), EpochRewardsFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
