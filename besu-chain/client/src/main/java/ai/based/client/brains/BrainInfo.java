package ai.based.client.brains;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/** One Brain as {@code brains show} reports it. Stake fields are empty for Brains not acquired by stake. */
public record BrainInfo(
        long id,
        String owner,
        AcquisitionMethod method,
        Instant acquiredAt,
        Optional<BigInteger> stake,
        Optional<Instant> unlocksAt,
        Optional<String> basedWallet) {}
