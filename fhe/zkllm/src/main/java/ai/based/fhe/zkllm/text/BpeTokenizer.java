package ai.based.fhe.zkllm.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE tokenizer: 256 byte tokens, the learned merges in priority order, and one end-of-text token.
 * It reads and writes HuggingFace's tokenizer.json (BPE model, ByteLevel pre-tokenizer and decoder), so the same
 * file loads in DJL's HuggingFace tokenizers and gives the same ids.
 */
public final class BpeTokenizer {
    public static final String END_OF_TEXT = "<|endoftext|>";

    private final List<String> tokens;
    private final Map<String, Integer> ids;
    private final List<String[]> merges;
    private final Map<String, Integer> mergeRank;

    BpeTokenizer(List<String> tokens, List<String[]> merges) {
        this.tokens = List.copyOf(tokens);
        this.merges = List.copyOf(merges);
        this.ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) ids.put(tokens.get(i), i);
        this.mergeRank = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) mergeRank.put(merges.get(i)[0] + " " + merges.get(i)[1], i);
    }

    public int vocabSize() {
        return tokens.size();
    }

    public int endOfText() {
        return ids.get(END_OF_TEXT);
    }

    public List<Integer> encode(String text) {
        List<Integer> out = new ArrayList<>();
        for (String piece : ByteLevel.pretokenize(text)) {
            for (String token : applyMerges(piece)) out.add(ids.get(token));
        }
        return out;
    }

    public String decode(List<Integer> tokenIds) {
        StringBuilder byteChars = new StringBuilder();
        for (int id : tokenIds) {
            if (id < 0 || id >= tokens.size()) throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + tokens.size());
            if (id != endOfText()) byteChars.append(tokens.get(id));
        }
        return ByteLevel.fromByteChars(byteChars.toString());
    }

    /** Standard BPE: repeatedly merge the adjacent pair with the best (lowest) rank. */
    private List<String> applyMerges(String piece) {
        List<String> parts = new ArrayList<>(piece.length());
        for (int i = 0; i < piece.length(); i++) parts.add(String.valueOf(piece.charAt(i)));
        while (parts.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer rank = mergeRank.get(parts.get(i) + " " + parts.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) break;
            parts.set(best, parts.get(best) + parts.remove(best + 1));
        }
        return parts;
    }

    public void save(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        added.addObject().put("id", endOfText()).put("content", END_OF_TEXT).put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
                .put("use_regex", true);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token").putNull("continuing_subword_prefix").putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < tokens.size(); i++) vocab.put(tokens.get(i), i);
        ArrayNode mergeList = model.putArray("merges");
        for (String[] merge : merges) mergeList.addArray().add(merge[0]).add(merge[1]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    public static BpeTokenizer load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) throw new IOException(file + " is not a BPE tokenizer.json");
        Map<Integer, String> byId = new java.util.TreeMap<>();
        model.path("vocab").fields().forEachRemaining(e -> byId.put(e.getValue().asInt(), e.getKey()));
        for (JsonNode t : root.path("added_tokens")) byId.put(t.path("id").asInt(), t.path("content").asText());
        List<String> tokens = new ArrayList<>(byId.values());
        for (int i = 0; i < tokens.size(); i++) {
            if (!byId.containsKey(i)) throw new IOException(file + ": token ids are not contiguous (missing " + i + ")");
        }
        List<String[]> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            merges.add(m.isArray() ? new String[] {m.get(0).asText(), m.get(1).asText()} : m.asText().split(" ", 2));
        }
        BpeTokenizer tokenizer = new BpeTokenizer(tokens, merges);
        if (!tokenizer.ids.containsKey(END_OF_TEXT)) throw new IOException(file + " has no " + END_OF_TEXT + " token");
        return tokenizer;
    }

    static Map<String, Integer> byteVocabulary() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevel.byteChar(b)), b);
        return vocab;
    }
}
