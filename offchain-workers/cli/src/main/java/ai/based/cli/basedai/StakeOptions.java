package ai.based.cli.basedai;

import ai.based.client.Pepe;
import java.math.BigInteger;
import picocli.CommandLine.Option;

/** --brain, --validator and --amount of stake add/remove. */
public final class StakeOptions {
    static final String NO_VALIDATOR = "0x0000000000000000000000000000000000000000";

    @Option(names = "--brain", required = true, paramLabel = "N")
    long brainId;

    @Option(names = "--validator", paramLabel = "ADDRESS", description = "delegate to this validator (default: the Brain itself)")
    String validator;

    @Option(names = "--amount", required = true, paramLabel = "BASED")
    String amount;

    BigInteger brain() {
        return BigInteger.valueOf(brainId);
    }

    String validatorOrBrain() {
        return validator == null ? NO_VALIDATOR : validator;
    }

    BigInteger units() {
        return Pepe.parse(amount);
    }

    String target() {
        return validator == null ? "Brain #" + brainId : "validator " + validator + " of Brain #" + brainId;
    }
}
