package ai.based.governance;

import java.math.BigInteger;
import java.util.List;

/** A proposal as {@code gigabrain show} prints it. Pepecoin votes arrive with the bridge and read zero until then. */
public record ProposalView(
        BigInteger id,
        String proposer,
        String description,
        ProposalState state,
        long snapshot,
        long deadline,
        long against,
        long support,
        long abstain,
        long gigaBrains,
        boolean yearOne,
        List<String> targets) {}
