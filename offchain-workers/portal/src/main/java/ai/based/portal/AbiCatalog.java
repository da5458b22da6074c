package ai.based.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The compiled ABIs that the contracts module ships in its jar (abi/&lt;Contract&gt;.abi), read once each. The portal
 * serves them with the addresses, so the page never carries a hand-copied ABI.
 */
public final class AbiCatalog {
    private static final Pattern CONTRACT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentMap<String, Optional<JsonNode>> cache = new ConcurrentHashMap<>();

    /** The contract's ABI, or empty when the contracts jar has none by that name. */
    public Optional<JsonNode> abi(String contract) {
        if (!CONTRACT_NAME.matcher(contract).matches()) return Optional.empty();
        return cache.computeIfAbsent(contract, AbiCatalog::load);
    }

    private static Optional<JsonNode> load(String contract) {
        try (InputStream in = AbiCatalog.class.getClassLoader().getResourceAsStream("abi/" + contract + ".abi")) {
            if (in == null) return Optional.empty();
            return Optional.of(JSON.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("the contracts jar's ABI of " + contract + " is unreadable: " + e.getMessage(), e);
        }
    }
}
