package ai.based.relayer;

import ai.based.bridge.BridgeMessage;

import ai.based.chain.tx.SignedTransaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.utils.Numeric;

/**
 * A relayer's durable state in an embedded H2 database. Every write commits before the action that depends on
 * it, which is what makes the relayer safe to kill at any point:
 * <ul>
 *   <li>a cursor per direction (the last source block scanned), advanced in the same transaction as the messages
 *       found up to it, so a restart neither rescans the chain nor loses a message;</li>
 *   <li>the messages still open (found, not yet executed or failed on the destination);</li>
 *   <li>its own attestations;</li>
 *   <li>the transactions it signed, stored with their raw bytes before they are broadcast, and which messages each
 *       carries, so after a crash it re-broadcasts the same bytes (one nonce: at most one execution) instead of
 *       submitting anew.</li>
 * </ul>
 */
public final class RelayerStore implements AutoCloseable {
    /** A stored transaction: signed (maybe not broadcast), sent, or settled (mined, or its nonce was taken). */
    public enum TxState { SIGNED, SENT, SETTLED }

    public record StoredTx(SignedTransaction tx, long chainId, TxState state, int attempts) {}

    private final Connection db;

    public RelayerStore(Path dir) {
        try {
            db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("relayer").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
            try (Statement s = db.createStatement()) {
                s.execute("create table if not exists cursor (direction varchar(64) primary key, block bigint not null)");
                s.execute("create table if not exists message (hash varchar(66) primary key, direction varchar(64) not null, "
                        + "block bigint not null, body varchar(1000000) not null, open boolean not null)");
                s.execute("create table if not exists attestation (hash varchar(66) primary key, signature varchar(140) not null)");
                s.execute("create table if not exists tx (hash varchar(66) primary key, chain bigint not null, nonce bigint not null, "
                        + "raw varchar(4000000) not null, state varchar(16) not null, attempts int not null)");
                s.execute("create table if not exists carries (message varchar(66) primary key, tx varchar(66) not null)");
                s.execute("create table if not exists binding (id int primary key, fingerprint varchar(1000) not null)");
                s.execute("create table if not exists brain_duty (brain bigint primary key, since bigint not null)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the relayer store in " + dir + ": " + e.getMessage()
                    + " (is another relayer using the same directory?)", e);
        }
    }

    /**
     * Ties the store to one deployment of the bridge on first use; refuses another one, whose cursor and messages would
     * mean nothing (a devnet recreated from scratch, or a store copied between networks).
     */
    public synchronized void bind(String fingerprint) {
        String bound = query("select fingerprint from binding where id = ?", "1");
        if (bound == null) {
            update("insert into binding values (1, ?)", fingerprint);
        } else if (!bound.equals(fingerprint)) {
            throw new IllegalStateException("this relayer store belongs to another bridge deployment (" + bound + "), not "
                    + fingerprint + ": point the relayer at its own store directory, or move the old one away");
        }
    }

    /** The last source block scanned in a direction, or -1 before the first scan. */
    public synchronized long cursor(String direction) {
        String value = query("select block from cursor where direction = ?", direction);
        return value == null ? -1 : Long.parseLong(value);
    }

    /** Records the messages found up to {@code block} and moves the cursor there, atomically. */
    public synchronized void advance(String direction, long block, List<BridgeMessage> found) {
        inTransaction(() -> {
            for (BridgeMessage m : found) {
                update("merge into message key (hash) values (?, ?, ?, ?, true)", hex(m.hash()), direction, m.blockNumber(),
                        MessageCodec.encode(m));
            }
            update("merge into cursor key (direction) values (?, ?)", direction, block);
        });
    }

    /** Records Brains whose Ethereum state changed up to {@code block} and moves the Brain cursor there, atomically. */
    public synchronized void advanceBrains(String cursor, long block, Map<Long, Long> changedSince) {
        inTransaction(() -> {
            for (var change : changedSince.entrySet()) {
                update("merge into brain_duty key (brain) values (?, ?)", change.getKey(), change.getValue());
            }
            update("merge into cursor key (direction) values (?, ?)", cursor, block);
        });
    }

    /** Brains still to be mirrored, with the block from which their change counts. */
    public synchronized Map<Long, Long> brainDuties() {
        Map<Long, Long> duties = new TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select brain, since from brain_duty")) {
            while (rs.next()) duties.put(rs.getLong(1), rs.getLong(2));
            return duties;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public synchronized void brainMirrored(long brain) {
        update("delete from brain_duty where brain = ?", brain);
    }

    /** Open messages of a direction, oldest first. */
    public synchronized List<BridgeMessage> openMessages(String direction) {
        List<BridgeMessage> open = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("select body from message where direction = ? and open order by block, hash")) {
            p.setString(1, direction);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) open.add(MessageCodec.decode(rs.getString(1)));
            }
            return open;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The message is executed or failed on its destination: nothing more to do for it. */
    public synchronized void closeMessage(String messageHash) {
        update("update message set open = false where hash = ?", messageHash);
    }

    public synchronized void saveAttestation(String hash, String signature) {
        update("merge into attestation key (hash) values (?, ?)", hash, signature);
    }

    public synchronized String attestation(String hash) {
        return query("select signature from attestation where hash = ?", hash);
    }

    /** Stores a signed transaction and the messages it carries, before it is broadcast. */
    public synchronized void saveSigned(long chainId, SignedTransaction tx, List<String> messageHashes) {
        inTransaction(() -> {
            update("insert into tx values (?, ?, ?, ?, ?, 0)", tx.hash(), chainId, tx.nonce(), tx.raw(), TxState.SIGNED.name());
            for (String message : messageHashes) update("merge into carries key (message) values (?, ?)", message, tx.hash());
        });
    }

    public synchronized void setState(String txHash, TxState state) {
        update("update tx set state = ? where hash = ?", state.name(), txHash);
    }

    public synchronized int countAttempt(String txHash) {
        update("update tx set attempts = attempts + 1 where hash = ?", txHash);
        return Integer.parseInt(query("select attempts from tx where hash = ?", txHash));
    }

    /** A transaction that can never be mined no longer carries its messages: they may be submitted again. */
    public synchronized void release(String txHash) {
        inTransaction(() -> {
            update("delete from carries where tx = ?", txHash);
            update("update tx set state = ? where hash = ?", TxState.SETTLED.name(), txHash);
        });
    }

    /** The transaction carrying a message, if this relayer submitted it. */
    public synchronized String carrier(String messageHash) {
        return query("select tx from carries where message = ?", messageHash);
    }

    /** Transactions signed or sent but not settled, in nonce order per chain. */
    public synchronized List<StoredTx> unsettled() {
        List<StoredTx> all = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "select hash, raw, nonce, chain, state, attempts from tx where state <> 'SETTLED' order by chain, nonce")) {
            while (rs.next()) {
                all.add(new StoredTx(new SignedTransaction(rs.getString(1), rs.getString(2), rs.getLong(3)), rs.getLong(4),
                        TxState.valueOf(rs.getString(5)), rs.getInt(6)));
            }
            return all;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** How many transactions this relayer has ever signed, per state; for metrics and tests. */
    public synchronized Map<String, Integer> txCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select state, count(*) from tx group by state")) {
            while (rs.next()) counts.put(rs.getString(1).toLowerCase(), rs.getInt(2));
            return counts;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static String hex(byte[] hash) {
        return Numeric.toHexString(hash);
    }

    private interface Work {
        void run();
    }

    private void inTransaction(Work work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void update(String sql, Object... values) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) p.setObject(i + 1, values[i]);
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private String query(String sql, String key) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("relayer store: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
