package ai.based.chain.tx;

import ai.based.chain.ChainException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * Turns revert data into a {@link DecodedRevert} using every custom error of the project's ABIs, which the
 * contracts jar ships under {@code abi/} with an {@code abi/index.txt} listing.
 */
public final class RevertDecoder {
    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";

    private record ErrorAbi(String contract, String name, List<String> names, List<String> types) {}

    private final Map<String, ErrorAbi> bySelector;

    private RevertDecoder(Map<String, ErrorAbi> bySelector) {
        this.bySelector = Map.copyOf(bySelector);
    }

    public static RevertDecoder fromClasspath() {
        ClassLoader loader = RevertDecoder.class.getClassLoader();
        Map<String, ErrorAbi> errors = new HashMap<>();
        try (InputStream index = loader.getResourceAsStream("abi/index.txt")) {
            if (index == null) return new RevertDecoder(errors);
            for (String file : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (file.isBlank()) continue;
                try (InputStream abi = loader.getResourceAsStream("abi/" + file.strip())) {
                    readErrors(file.strip().replace(".abi", ""), new ObjectMapper().readTree(abi), errors);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract ABIs on the class path", e);
        }
        return new RevertDecoder(errors);
    }

    private static void readErrors(String contract, JsonNode abi, Map<String, ErrorAbi> into) {
        for (JsonNode entry : abi) {
            if (!"error".equals(entry.path("type").asText())) continue;
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (JsonNode input : entry.path("inputs")) {
                names.add(input.path("name").asText());
                types.add(input.path("type").asText());
            }
            String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
            String selector = Hash.sha3String(signature).substring(0, 10);
            into.putIfAbsent(selector, new ErrorAbi(contract, entry.path("name").asText(), names, types));
        }
    }

    /** Decodes revert data (0x-prefixed hex); unknown selectors come back as UnknownError(data). */
    public DecodedRevert decode(String data) {
        if (data == null || data.length() < 10) {
            return new DecodedRevert("", "EmptyRevert", List.of(), List.of());
        }
        String selector = data.substring(0, 10).toLowerCase();
        String body = "0x" + data.substring(10);
        if (selector.equals(ERROR_STRING)) {
            return decodeWith(new ErrorAbi("", "Error", List.of("reason"), List.of("string")), body);
        }
        if (selector.equals(PANIC)) {
            return decodeWith(new ErrorAbi("", "Panic", List.of("code"), List.of("uint256")), body);
        }
        ErrorAbi known = bySelector.get(selector);
        if (known == null) {
            return new DecodedRevert("", "UnknownError", List.of("data"), List.of(data));
        }
        return decodeWith(known, body);
    }

    /** Throws {@link ContractRevertException} with the decoded error when the call reverted. */
    public void requireSuccess(String action, EthCall call) {
        if (call.hasError()) {
            Object data = call.getError().getData();
            if (data == null && !call.getError().getMessage().contains("revert")) {
                throw new ChainException(action + " failed: " + call.getError().getMessage());
            }
            throw new ContractRevertException(action, decode(revertData(data)));
        }
        if (call.isReverted()) {
            throw new ContractRevertException(action, decode(call.getValue()));
        }
    }

    /** The error's data member arrives as a JSON node or a string, depending on the web3j code path. */
    static String revertData(Object data) {
        if (data == null) return null;
        String text = data instanceof JsonNode node ? node.asText() : data.toString();
        return text.replace("\"", "").strip();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static DecodedRevert decodeWith(ErrorAbi abi, String body) {
        try {
            List<TypeReference<Type>> refs = new ArrayList<>();
            for (String type : abi.types()) {
                refs.add((TypeReference) TypeReference.makeTypeReference(type));
            }
            List<Type> decoded = FunctionReturnDecoder.decode(body, refs);
            List<Object> values = new ArrayList<>();
            for (Type value : decoded) {
                values.add(value.getValue());
            }
            return new DecodedRevert(abi.contract(), abi.name(), abi.names(), values);
        } catch (ClassNotFoundException | RuntimeException e) {
            return new DecodedRevert(abi.contract(), abi.name(), List.of("data"),
                    List.of(Numeric.prependHexPrefix(body)));
        }
    }
}
