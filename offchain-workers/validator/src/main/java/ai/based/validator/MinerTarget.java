package ai.based.validator;

import java.net.URI;

/** A serving miner as the chain lists it: its uid, its account, where it serves and the certificate hash to pin. */
public record MinerTarget(int uid, String account, URI endpoint, byte[] certificateSha256) {
    public String label() {
        return "miner uid " + uid + " (" + account + ") at " + endpoint;
    }
}
