package ai.based.fhe.ckks;

import ai.based.fhe.ring.TestRandomness;
import java.util.List;

/** Test fixture (in the test jar only): parameters below 128-bit security, for tests that need a small, fast ring. */
public final class InsecureParameters {
    private InsecureParameters() {}

    /** Parameters for {@code literal} without the security check, named for the test that uses them. */
    public static Parameters forTest(String testName, ParametersLiteral literal) {
        if (testName == null || testName.isBlank()) throw new IllegalArgumentException("insecure parameters need a test name");
        List<Long> primes = Parameters.primes(literal);
        int q = literal.logQ().size();
        return Parameters.insecure(literal, TestRandomness.uncheckedRing(literal.logN(), primes.subList(0, q), primes.subList(q, primes.size())));
    }
}
