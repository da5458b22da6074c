package ai.based.cli.fhe;

import ai.based.client.InvalidInputException;
import ai.based.fhe.ckks.ParametersLiteral;
import java.util.Map;

/** Parameter sets the CLI offers by name; both are 128-bit secure. */
final class ParameterSets {
    static final Map<String, ParametersLiteral> BY_NAME = Map.of("N8192", ParametersLiteral.N8192, "N16384", ParametersLiteral.N16384);

    private ParameterSets() {}

    static ParametersLiteral byName(String name) {
        ParametersLiteral literal = BY_NAME.get(name.toUpperCase());
        if (literal == null) throw new InvalidInputException("unknown parameter set '" + name + "': use " + BY_NAME.keySet());
        return literal;
    }
}
