package ai.based.bridge;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A relayer's durable state in an embedded H2 database: its own attestations (so a restart does not need to
 * re-verify what it signed) and the messages it submitted (so a restart never submits one again). Each write
 * commits before the action that depends on it, which is what makes the relayer safe to kill at any point.
 */
public final class RelayerStore implements AutoCloseable {
    private final Connection db;

    public RelayerStore(Path dir) {
        try {
            db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("relayer").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
            try (Statement s = db.createStatement()) {
                s.execute("create table if not exists attestation (hash varchar(66) primary key, signature varchar(140) not null)");
                s.execute("create table if not exists submission (hash varchar(66) primary key, outcome varchar(16) not null)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the relayer store in " + dir + ": " + e.getMessage(), e);
        }
    }

    public synchronized void saveAttestation(String hash, String signature) {
        update("merge into attestation key (hash) values (?, ?)", hash, signature);
    }

    public synchronized String attestation(String hash) {
        return query("select signature from attestation where hash = ?", hash);
    }

    /** Records the intent before the transaction is sent; a crash after this never leads to a second submission. */
    public synchronized void markSubmitting(String hash) {
        update("merge into submission key (hash) values (?, ?)", hash, "submitting");
    }

    public synchronized void markOutcome(String hash, String outcome) {
        update("merge into submission key (hash) values (?, ?)", hash, outcome);
    }

    public synchronized String submission(String hash) {
        return query("select outcome from submission where hash = ?", hash);
    }

    public synchronized Map<String, String> submissions() {
        Map<String, String> all = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select hash, outcome from submission")) {
            while (rs.next()) all.put(rs.getString(1), rs.getString(2));
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("relayer store: " + e.getMessage(), e);
        }
    }

    private void update(String sql, String a, String b) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, a);
            p.setString(2, b);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("relayer store: " + e.getMessage(), e);
        }
    }

    private String query(String sql, String key) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("relayer store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("relayer store: " + e.getMessage(), e);
        }
    }
}
