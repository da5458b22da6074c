package ai.based.fhe.ckks;

import ai.based.fhe.ring.Primes;
import ai.based.fhe.ring.RingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validated, immutable CKKS parameters. Only 128-bit secure sets are accepted (HomomorphicEncryption.org table
 * for ternary secrets: log2 QP at most 218, 438, 881, 1747 for N = 2^13..2^16); smaller rings cannot reach
 * 128 bits at any useful modulus and are refused too, unless a test asks by name for insecure parameters.
 */
public final class Parameters {
    private static final Map<Integer, Integer> MAX_LOG_QP_128 = Map.of(13, 218, 14, 438, 15, 881, 16, 1747);

    private final ParametersLiteral literal;
    private final RingContext ring;
    private final boolean secure;

    private Parameters(ParametersLiteral literal, boolean secure) {
        this.literal = literal;
        this.secure = secure;
        List<Integer> all = new ArrayList<>(literal.logQ());
        all.addAll(literal.logP());
        List<Long> primes = Primes.ntt(literal.logN(), all);
        this.ring = new RingContext(literal.logN(), primes.subList(0, literal.logQ().size()),
                primes.subList(literal.logQ().size(), primes.size()));
    }

    /** 128-bit secure parameters, or an IllegalArgumentException that says why not. */
    public static Parameters create(ParametersLiteral literal) {
        String problem = securityProblem(literal);
        if (problem != null) throw new IllegalArgumentException("refused CKKS parameters: " + problem);
        checkShape(literal);
        return new Parameters(literal, true);
    }

    /** Parameters below 128-bit security, named for a test so they are never picked up by accident. */
    public static Parameters insecureForTests(String testName, ParametersLiteral literal) {
        if (testName == null || testName.isBlank()) throw new IllegalArgumentException("insecure parameters need a test name");
        checkShape(literal);
        return new Parameters(literal, false);
    }

    /** Why the literal is not 128-bit secure, or null when it is. */
    public static String securityProblem(ParametersLiteral literal) {
        Integer max = MAX_LOG_QP_128.get(literal.logN());
        if (max == null) {
            return "N = 2^" + literal.logN() + " has no 128-bit entry in the HomomorphicEncryption.org table (use 2^13..2^16)";
        }
        if (literal.logQP() > max) {
            return "log2 QP = " + literal.logQP() + " exceeds " + max + ", the 128-bit bound for N = 2^" + literal.logN();
        }
        return null;
    }

    private static void checkShape(ParametersLiteral literal) {
        if (literal.logN() < 4 || literal.logN() > 17) throw new IllegalArgumentException("logN must be in 4..17");
        if (literal.logQ().isEmpty() || literal.logP().isEmpty()) {
            throw new IllegalArgumentException("need at least one ciphertext prime and one special prime");
        }
        if (literal.logScale() < 10 || literal.logScale() >= literal.logQ().getFirst()) {
            throw new IllegalArgumentException("scale 2^" + literal.logScale() + " must be below q_0 (2^" + literal.logQ().getFirst() + ")");
        }
    }

    public ParametersLiteral literal() {
        return literal;
    }

    public RingContext ring() {
        return ring;
    }

    public boolean secure() {
        return secure;
    }

    public int logN() {
        return literal.logN();
    }

    public int n() {
        return ring.n();
    }

    public int slots() {
        return ring.n() / 2;
    }

    public int maxLevel() {
        return ring.maxLevel();
    }

    public double defaultScale() {
        return Math.pow(2, literal.logScale());
    }

    @Override
    public String toString() {
        return "CKKS N=2^" + logN() + " logQ=" + literal.logQ() + " logP=" + literal.logP() + " (log QP " + literal.logQP()
                + ", " + (secure ? "128-bit" : "INSECURE test") + " security), " + slots() + " slots, depth " + maxLevel()
                + ", scale 2^" + literal.logScale();
    }
}
