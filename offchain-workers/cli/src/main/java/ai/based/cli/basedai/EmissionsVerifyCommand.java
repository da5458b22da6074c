package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.client.BasedSession;
import ai.based.oracle.EpochVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;

@Command(name = "verify", description = "Recompute a posted epoch from chain data and compare it with what the oracle quorum "
        + "posted (rewards root, total, per-Brain totals, pruning candidates): prints 'match' or the first difference, and exits "
        + "non-zero on a difference or when the epoch is not closed or not posted.")
public final class EmissionsVerifyCommand extends BasedAiCommand {
    @Option(names = "--epoch", paramLabel = "E", required = true, converter = EpochNumber.class, description = "the epoch to check")
    long epoch;

    /** An epoch number, refused before any chain is contacted when it cannot name an epoch. */
    static final class EpochNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long epoch;
            try {
                epoch = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("not an epoch number: '" + value + "' (epochs are numbered from 0)");
            }
            if (epoch < 0) throw new TypeConversionException("there is no epoch " + epoch + ": epochs are numbered from 0");
            return epoch;
        }
    }

    @Override
    protected void run(BasedSession session) throws Exception {
        EpochVerifier.Verdict verdict = new EpochVerifier(session).verify(epoch);
        switch (verdict.outcome()) {
            case MATCH -> out().println(verdict.message());
            case DIFFERENT -> {
                out().println(verdict.message());
                out().flush();
                throw new IllegalStateException("epoch " + epoch + " as posted is not what its chain data gives");
            }
            case NOT_CLOSED, NOT_POSTED -> throw new IllegalStateException("cannot verify: " + verdict.message());
        }
    }
}
