package ai.based.fhe.zkllm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float tensors in the safetensors format (an 8-byte little-endian header length, a JSON header of name ->
 * dtype, shape, byte offsets, then the raw little-endian data), readable without DJL: the miner's encrypted
 * circuits read the same file as the trainer writes.
 */
public final class Weights {
    /** One tensor: its shape and its values in row-major order. */
    public record Tensor(long[] shape, float[] values) {
        public Tensor {
            long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (size != values.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, not " + values.length);
        }
    }

    private static final long MAX_HEADER = 1 << 24;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    public void put(String name, Tensor tensor) {
        tensors.put(name, tensor);
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("the weights have no tensor '" + name + "'");
        return t;
    }

    public Map<String, Tensor> all() {
        return java.util.Collections.unmodifiableMap(tensors);
    }

    public long parameterCount() {
        return tensors.values().stream().mapToLong(t -> t.values().length).sum();
    }

    public void save(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long d : e.getValue().shape()) shape.add(d);
            long bytes = 4L * e.getValue().values().length;
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] head = json.writeValueAsBytes(header);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + head.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(head.length).put(head);
        for (Tensor t : tensors.values()) for (float v : t.values()) out.putFloat(v);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.array());
    }

    /** Reads and validates a safetensors file of F32 tensors; a malformed file gets an error naming what is wrong. */
    public static Weights load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) throw new IOException(file + " is not a safetensors file: shorter than its header length");
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong();
        if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > bytes.length) {
            throw new IOException(file + " is not a safetensors file: header length " + headerLength + " does not fit " + bytes.length + " bytes");
        }
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        long dataStart = 8 + headerLength;
        Weights weights = new Weights();
        for (var it = header.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) continue;
            JsonNode entry = e.getValue();
            if (!"F32".equals(entry.path("dtype").asText())) {
                throw new IOException(file + ": tensor '" + e.getKey() + "' is " + entry.path("dtype").asText() + "; only F32 is read");
            }
            long[] shape = new long[entry.path("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = entry.path("shape").get(i).asLong();
            long begin = entry.path("data_offsets").path(0).asLong(-1);
            long end = entry.path("data_offsets").path(1).asLong(-1);
            long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (begin < 0 || end < begin || dataStart + end > bytes.length || end - begin != 4 * count) {
                throw new IOException(file + ": tensor '" + e.getKey() + "' has offsets [" + begin + ", " + end + ") that do not match its shape "
                        + Arrays.toString(shape) + " or the file's " + bytes.length + " bytes");
            }
            float[] values = new float[(int) count];
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) values[i] = data.getFloat();
            weights.put(e.getKey(), new Tensor(shape, values));
        }
        return weights;
    }
}
