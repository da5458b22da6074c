package ai.based.cli.query;

import java.net.URI;

/** A miner a query may use: where it serves, the certificate hash it is pinned to, and who it is (for reports). */
record MinerCandidate(URI endpoint, byte[] certificateSha256, String label) {}
