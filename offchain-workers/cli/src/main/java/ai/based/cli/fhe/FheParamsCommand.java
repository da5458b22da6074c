package ai.based.cli.fhe;

import ai.based.cli.BaseCommand;
import ai.based.fhe.ckks.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "params", description = "Show a parameter set: security, slots, depth, primes.")
public final class FheParamsCommand extends BaseCommand {
    @Option(names = "--params", defaultValue = "N16384", description = "N8192 or N16384 (default: ${DEFAULT-VALUE})")
    String name;

    @Override
    protected void run() {
        Parameters params = Parameters.create(ParameterSets.byName(name));
        out().println(params);
        StringBuilder primes = new StringBuilder();
        for (int i = 0; i < params.ring().qCount() + params.ring().pCount(); i++) {
            primes.append(i == 0 ? "" : ", ").append(params.ring().modulus(i).q);
        }
        out().println("  primes (q..., then P): " + primes);
    }
}
