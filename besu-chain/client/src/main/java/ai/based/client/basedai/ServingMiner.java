package ai.based.client.basedai;

/**
 * A miner of a Brain that announced where it serves: its registry slot, its wallet, its https:// endpoint and the
 * SHA-256 of its self-signed certificate, which a client pins instead of trusting a CA.
 */
public record ServingMiner(long uid, String account, String endpoint, byte[] certificateSha256) {
    public ServingMiner {
        certificateSha256 = certificateSha256.clone();
    }

    @Override
    public byte[] certificateSha256() {
        return certificateSha256.clone();
    }
}
