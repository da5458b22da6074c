package ai.based.cli.query;

import java.net.URI;

/**
 * A miner a query may use: where it serves, the certificate hash it is pinned to, who it is (for reports), and the
 * account the chain lists for it (null for a miner given by hand, which is taken at its word).
 */
record MinerCandidate(URI endpoint, byte[] certificateSha256, String label, String account) {}
