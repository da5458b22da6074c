package ai.based.portal.network;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers computed from chain reads, kept while the chain's head block stays the same: a page polling every second
 * costs the node one eth_blockNumber per poll, not a full read. At most {@link #MAX_ENTRIES} answers are kept (the
 * least recently used go first), so hostile ids cannot grow it. An answer that says it is not {@link #SETTLED settled}
 * (a part of it is still being computed in the background) is served but not kept, so the next poll sees the progress
 * without waiting for a block.
 */
final class HeadCache {
    static final int MAX_ENTRIES = 256;
    /** A boolean an answer may carry; false means the same head will give a fuller answer soon. */
    static final String SETTLED = "settled";

    @FunctionalInterface
    interface Read {
        JsonObject at(long head) throws Exception;
    }

    private record Answer(long head, JsonObject json) {}

    private final Map<String, Answer> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    JsonObject get(String key, long head, Read read) throws Exception {
        synchronized (entries) {
            Answer cached = entries.get(key);
            if (cached != null && cached.head == head) return cached.json;
        }
        JsonObject answer = read.at(head);
        if (!answer.getBoolean(SETTLED, true)) return answer;
        synchronized (entries) {
            entries.put(key, new Answer(head, answer));
        }
        return answer;
    }
}
