package ai.based.miner;

import ai.based.client.market.Receipt;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest accepted receipt of each user, kept on disk (written atomically on every change) so that a miner that
 * restarts, or is killed, still redeems what it earned.
 */
final class ReceiptBook {
    record Signed(Receipt receipt, byte[] signature) {}

    private final Path file;
    private final Map<String, Signed> latest = new LinkedHashMap<>();

    ReceiptBook(Path file, String miner, long brainId) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            JsonObject stored = new JsonObject(Files.readString(file));
            for (String user : stored.fieldNames()) {
                JsonObject entry = stored.getJsonObject(user);
                Receipt receipt = new Receipt(user, miner, brainId, new BigInteger(entry.getString("units")), new BigInteger(entry.getString("amount")));
                latest.put(user, new Signed(receipt, HexFormat.of().parseHex(entry.getString("signature"))));
            }
        }
    }

    synchronized Optional<Signed> latest(String user) {
        return Optional.ofNullable(latest.get(user.toLowerCase()));
    }

    /** Keeps {@code signed} on disk, then in memory: a receipt that could not be written is not redeemed either. */
    synchronized void put(Signed signed) throws IOException {
        Map<String, Signed> next = new LinkedHashMap<>(latest);
        next.put(signed.receipt().user().toLowerCase(), signed);
        JsonObject out = new JsonObject();
        next.forEach((user, s) -> out.put(user, new JsonObject().put("units", s.receipt().units().toString())
                .put("amount", s.receipt().amount().toString()).put("signature", HexFormat.of().formatHex(s.signature()))));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, out.encodePrettily());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        latest.put(signed.receipt().user().toLowerCase(), signed);
    }

    synchronized List<Signed> all() {
        return List.copyOf(latest.values());
    }
}
