package ai.based.oracle;

import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.Prune;
import ai.based.protocol.consensus.ConsensusResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * What a signer publishes of its computed epoch beside the digest, so that a signer whose digest differs can say
 * where: every Brain total and pruning candidate, the accounts and each Brain's consensus vectors while they fit
 * within fixed bounds, and beyond those bounds a hash of what was left out. A summary is therefore bounded in size
 * whatever the network's size ({@link #MAX_ACCOUNTS} accounts, {@link #MAX_CONSENSUS_ENTRIES} consensus entries), and
 * a difference outside the bounds is still found, only named less precisely ("accounts differ").
 */
public final class EpochSummary {
    /** Accounts listed one by one; more are summarised by their count and hash. */
    public static final int MAX_ACCOUNTS = 4_096;
    /** Consensus vector entries listed, over all Brains; a Brain beyond that is summarised by its hash. */
    public static final int MAX_CONSENSUS_ENTRIES = 65_536;
    /** The most Brains a summary may name (the registry's ceiling is far below it). */
    public static final int MAX_BRAINS = 65_536;
    private static final String[] VECTORS = {"activeStake", "consensus", "validatorTrust", "ranks", "incentive", "dividends", "credits"};

    private EpochSummary() {}

    public static JsonObject of(ComputedEpoch computed) {
        JsonObject totals = new JsonObject();
        computed.result().brainTotals().forEach((brain, total) -> totals.put(Long.toString(brain), total.toString()));
        Map<String, BigInteger> accounts = computed.result().accounts();
        JsonObject summary = new JsonObject().put("epoch", computed.result().epoch()).put("brainTotals", totals)
                .put("total", computed.result().total().toString())
                .put("rewardsRoot", Numeric.toHexString(computed.rewardsRoot()))
                .put("accountCount", accounts.size()).put("accountsHash", accountsHash(accounts));
        if (accounts.size() <= MAX_ACCOUNTS) {
            JsonObject listed = new JsonObject();
            accounts.forEach((account, amount) -> listed.put(account, amount.toString()));
            summary.put("accounts", listed);
        }
        JsonArray prunes = new JsonArray();
        for (Prune prune : computed.prunes()) prunes.add(new JsonArray().add(prune.brainId()).add(prune.role()).add(prune.uid()));
        summary.put("prunes", prunes);
        JsonObject consensus = new JsonObject();
        long budget = MAX_CONSENSUS_ENTRIES;
        for (var entry : new TreeMap<>(computed.consensus()).entrySet()) {
            ConsensusResult result = entry.getValue();
            JsonObject brain = new JsonObject().put("hash", consensusHash(result));
            long size = 0;
            for (long[] vector : vectors(result)) size += vector.length;
            if (size <= budget) {
                budget -= size;
                long[][] vectors = vectors(result);
                for (int v = 0; v < VECTORS.length; v++) brain.put(VECTORS[v], longs(vectors[v]));
            }
            consensus.put(Long.toString(entry.getKey()), brain);
        }
        summary.put("consensus", consensus);
        return summary;
    }

    /**
     * Where {@code theirs} first differs from {@code mine}: a Brain total, the accounts, a pruning candidate or a
     * Brain's consensus (as {@link ConsensusResult#firstDifference}), or empty when the summaries agree. A malformed
     * summary is itself a difference.
     */
    public static Optional<String> firstDifference(JsonObject mine, JsonObject theirs) {
        try {
            return compare(mine, theirs);
        } catch (RuntimeException malformed) {
            return Optional.of("their summary is malformed (" + malformed.getMessage() + ")");
        }
    }

    private static Optional<String> compare(JsonObject mine, JsonObject theirs) {
        Optional<String> totals = firstDifference("brainTotals", mine.getJsonObject("brainTotals"), theirs.getJsonObject("brainTotals"));
        if (totals.isPresent()) return totals;
        JsonObject myAccounts = mine.getJsonObject("accounts");
        JsonObject theirAccounts = theirs.getJsonObject("accounts");
        if (myAccounts != null && theirAccounts != null) {
            Optional<String> accounts = firstDifference("accounts", myAccounts, theirAccounts);
            if (accounts.isPresent()) return accounts;
        } else if (!Objects.equals(mine.getString("accountsHash"), theirs.getString("accountsHash"))) {
            return Optional.of("accounts: " + mine.getValue("accountCount") + " accounts hashing to " + mine.getString("accountsHash")
                    + " here, " + theirs.getValue("accountCount") + " hashing to " + theirs.getString("accountsHash") + " there");
        }
        JsonArray myPrunes = mine.getJsonArray("prunes");
        JsonArray theirPrunes = theirs.getJsonArray("prunes");
        for (int i = 0; i < Math.max(myPrunes.size(), theirPrunes.size()); i++) {
            Object here = i < myPrunes.size() ? myPrunes.getValue(i) : "none";
            Object there = i < theirPrunes.size() ? theirPrunes.getValue(i) : "none";
            if (!Objects.equals(String.valueOf(here), String.valueOf(there))) {
                return Optional.of("prunes[" + i + "] (brain, role, uid): " + here + " here, " + there + " there");
            }
        }
        JsonObject myConsensus = mine.getJsonObject("consensus");
        JsonObject theirConsensus = theirs.getJsonObject("consensus");
        for (String brain : new java.util.TreeSet<>(union(myConsensus, theirConsensus))) {
            JsonObject here = myConsensus.getJsonObject(brain);
            JsonObject there = theirConsensus.getJsonObject(brain);
            if (here == null || there == null) {
                return Optional.of("consensus of Brain #" + brain + ": " + (here == null ? "none" : "computed") + " here, "
                        + (there == null ? "none" : "computed") + " there");
            }
            if (Objects.equals(here.getString("hash"), there.getString("hash"))) continue;
            if (here.containsKey(VECTORS[0]) && there.containsKey(VECTORS[0])) {
                Optional<String> where = result(here).firstDifference(result(there));
                if (where.isPresent()) return Optional.of("consensus of Brain #" + brain + ": " + where.get());
            }
            return Optional.of("consensus of Brain #" + brain + ": hash " + here.getString("hash") + " here, " + there.getString("hash") + " there");
        }
        if (!Objects.equals(mine.getString("rewardsRoot"), theirs.getString("rewardsRoot"))) {
            return Optional.of("rewardsRoot: " + mine.getString("rewardsRoot") + " here, " + theirs.getString("rewardsRoot") + " there");
        }
        return Optional.empty();
    }

    private static Optional<String> firstDifference(String name, JsonObject mine, JsonObject theirs) {
        for (String key : new java.util.TreeSet<>(union(mine, theirs))) {
            Object here = mine.getValue(key);
            Object there = theirs.getValue(key);
            if (!Objects.equals(String.valueOf(here), String.valueOf(there))) {
                return Optional.of(name + "[" + key + "]: " + (here == null ? "none" : here) + " here, " + (there == null ? "none" : there) + " there");
            }
        }
        return Optional.empty();
    }

    private static java.util.Set<String> union(JsonObject a, JsonObject b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.fieldNames());
        keys.addAll(b.fieldNames());
        return keys;
    }

    private static ConsensusResult result(JsonObject brain) {
        long[][] v = new long[VECTORS.length][];
        for (int i = 0; i < VECTORS.length; i++) {
            JsonArray array = brain.getJsonArray(VECTORS[i]);
            v[i] = new long[array.size()];
            for (int k = 0; k < v[i].length; k++) v[i][k] = array.getLong(k);
        }
        return new ConsensusResult(v[0], v[1], v[2], v[3], v[4], v[5], new long[0][], v[6]);
    }

    private static long[][] vectors(ConsensusResult r) {
        return new long[][] {r.activeStake(), r.consensus(), r.validatorTrust(), r.ranks(), r.incentive(), r.dividends(), r.credits()};
    }

    private static JsonArray longs(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long value : values) list.add(value);
        return new JsonArray(list);
    }

    private static String accountsHash(Map<String, BigInteger> accounts) {
        StringBuilder text = new StringBuilder();
        accounts.forEach((account, amount) -> text.append(account).append(':').append(amount).append('\n'));
        return Numeric.toHexString(Hash.sha3(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** keccak256 over every vector and the bonds, each prefixed by its length. */
    static String consensusHash(ConsensusResult result) {
        List<long[]> parts = new ArrayList<>(List.of(vectors(result)));
        parts.addAll(List.of(result.bonds()));
        int longs = 0;
        for (long[] part : parts) longs += part.length + 1;
        ByteBuffer buffer = ByteBuffer.allocate(longs * Long.BYTES);
        for (long[] part : parts) {
            buffer.putLong(part.length);
            for (long value : part) buffer.putLong(value);
        }
        return Numeric.toHexString(Hash.sha3(buffer.array()));
    }
}
