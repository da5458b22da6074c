package ai.based.bridge;

import java.util.List;

/** A messenger's relayers (lower-case addresses, in the contract's order) and the signatures a message needs. */
public record RelayerSet(List<String> members, int threshold) {
    public boolean contains(String address) {
        return members.contains(address.toLowerCase());
    }

    /** This relayer's position among the members sorted by address, or -1 when it is not one. */
    public int rank(String address) {
        return members.stream().sorted().toList().indexOf(address.toLowerCase());
    }
}
