package ai.based.portal.network;

import ai.based.client.BasedSession;
import ai.based.client.basedai.MinerDirectory;
import ai.based.client.basedai.ServingMiner;
import ai.based.miner.remote.MinerClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Health-check latency of serving miners, probed by the portal itself: each round lists the miners that announced an
 * endpoint on the staked Brains (at most {@link #MAX_MINERS}), times a GET /health to each (pinned to the certificate
 * the miner announced), and keeps the newest {@link #SAMPLES} samples per miner. A miner that does not answer gets a
 * sample without latency, so the plot shows the gap. Memory is bounded by MAX_MINERS x SAMPLES.
 */
public final class MinerLatency implements AutoCloseable {
    static final int MAX_MINERS = 64;
    static final int SAMPLES = 60;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private record Sample(long at, Double seconds) {}

    private record Key(long brainId, long uid) {}

    private final BasedSession session;
    private final Clock clock;
    private final Map<Key, Deque<Sample>> history = new LinkedHashMap<>();
    private final Map<Key, String> endpoints = new LinkedHashMap<>();
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();

    public MinerLatency(BasedSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    /** One round: every serving miner of the staked Brains probed once. Safe to call from one thread at a time. */
    public void probeOnce() throws Exception {
        List<Key> keys = new ArrayList<>();
        List<Future<Double>> answers = new ArrayList<>();
        MinerDirectory directory = new MinerDirectory(session);
        @SuppressWarnings("unchecked")
        List<BigInteger> brains = session.stakes(session.reader()).stakedBrains().send();
        for (BigInteger brain : brains) {
            if (keys.size() >= MAX_MINERS) break;
            for (ServingMiner miner : directory.serving(brain.longValueExact())) {
                if (keys.size() >= MAX_MINERS) break;
                keys.add(new Key(brain.longValueExact(), miner.uid()));
                endpointOf(keys.getLast(), miner.endpoint());
                answers.add(probes.submit(() -> latency(miner)));
            }
        }
        long now = clock.millis();
        for (int i = 0; i < keys.size(); i++) {
            Double seconds;
            try {
                seconds = answers.get(i).get(PROBE_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                answers.get(i).cancel(true);
                seconds = null;
            }
            record(keys.get(i), new Sample(now, seconds));
        }
    }

    private static Double latency(ServingMiner miner) {
        try {
            return new MinerClient(URI.create(miner.endpoint()), miner.certificateSha256(), PROBE_TIMEOUT).latency();
        } catch (Exception e) {
            return null;
        }
    }

    private synchronized void endpointOf(Key key, String endpoint) {
        endpoints.put(key, endpoint);
    }

    private synchronized void record(Key key, Sample sample) {
        Deque<Sample> samples = history.computeIfAbsent(key, k -> new ArrayDeque<>());
        samples.addLast(sample);
        if (samples.size() > SAMPLES) samples.removeFirst();
        while (history.size() > MAX_MINERS) {
            Key oldest = history.keySet().iterator().next();
            history.remove(oldest);
            endpoints.remove(oldest);
        }
    }

    /** Every tracked miner with its samples (time in ms since the epoch, latency in ms or null), oldest first. */
    public synchronized JsonObject json() {
        JsonArray miners = new JsonArray();
        history.forEach((key, samples) -> {
            JsonArray points = new JsonArray();
            for (Sample s : samples) {
                points.add(new JsonObject().put("at", s.at()).put("ms", s.seconds() == null ? null : Math.round(s.seconds() * 1000.0 * 10) / 10.0));
            }
            miners.add(new JsonObject().put("brainId", key.brainId()).put("uid", key.uid()).put("endpoint", endpoints.get(key))
                    .put("samples", points));
        });
        return new JsonObject().put("samplesKept", SAMPLES).put("miners", miners);
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
