package ai.based.relayer;

import ai.based.bridge.RelayerSet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SignatureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Fetches the other relayers' attestations for a batch of messages (POST /attestations with the hashes, one request
 * per peer) and keeps only those that authenticate themselves: a signature counts when it recovers, over the
 * message's digest, to a member of the destination's relayer set. A peer that is down or answers garbage counts for
 * nothing and stops nothing.
 */
public final class PeerExchange {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The most hashes one POST /attestations may carry; a relayer refuses more (400) from anyone. */
    public static final int MAX_HASHES_PER_REQUEST = 400;

    private final List<URI> peers;
    // HTTP/1.1 as the peers' endpoints speak it: the JDK's default would ask every new connection to upgrade to HTTP/2
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

    public PeerExchange(List<URI> peers) {
        this.peers = List.copyOf(peers);
    }

    /**
     * Signatures peers hold for each hash, by the hash's hex. The hashes go in requests of at most
     * {@link #MAX_HASHES_PER_REQUEST}, the most a relayer answers in one: a backlog larger than that must still
     * reach a quorum, or the bridge would stop for good once that many messages waited.
     */
    public Map<String, List<String>> fetch(List<String> hashes) {
        Map<String, List<String>> found = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += MAX_HASHES_PER_REQUEST) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + MAX_HASHES_PER_REQUEST));
            if (!fetchChunk(chunk, found)) break;
        }
        return found;
    }

    /** One request per peer for {@code hashes}; false when interrupted. */
    private boolean fetchChunk(List<String> hashes, Map<String, List<String>> found) {
        String body = new JsonArray(List.copyOf(hashes)).encode();
        for (URI peer : peers) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(peer.resolve("/attestations"))
                        .timeout(TIMEOUT).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) continue;
                JsonObject answer = new JsonObject(response.body());
                for (String hash : hashes) {
                    Object signature = answer.getValue(hash);
                    if (signature instanceof String s) found.computeIfAbsent(hash, h -> new ArrayList<>()).add(s);
                }
            } catch (IOException | RuntimeException unreachableOrGarbage) {
                // a peer that is down or answers nonsense does not count towards the quorum
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * The signatures among {@code candidates} that recover to members of {@code set}, one per member, ordered by
     * ascending address as the messenger requires.
     */
    public static List<byte[]> valid(byte[] digest, List<String> candidates, RelayerSet set) {
        Map<BigInteger, byte[]> byAddress = new TreeMap<>();
        for (String candidate : candidates) {
            byte[] signature;
            try {
                signature = Numeric.hexStringToByteArray(candidate.strip());
            } catch (RuntimeException notHex) {
                continue;
            }
            String signer = recover(digest, signature);
            if (signer != null && set.contains(signer)) byAddress.putIfAbsent(Numeric.toBigInt(signer), signature);
        }
        return List.copyOf(byAddress.values());
    }

    private static String recover(byte[] digest, byte[] signature) {
        if (signature.length != 65) return null;
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(signature[64],
                    Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64)));
            return "0x" + Keys.getAddress(key);
        } catch (SignatureException | RuntimeException invalid) {
            return null;
        }
    }
}
