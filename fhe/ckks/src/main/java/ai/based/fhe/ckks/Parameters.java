package ai.based.fhe.ckks;

import ai.based.fhe.ring.Primes;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.SecurityBound;
import java.util.ArrayList;
import java.util.List;

/**
 * Validated, immutable CKKS parameters. Only 128-bit secure sets are accepted (HomomorphicEncryption.org table
 * for ternary secrets: log2 QP at most 218, 438, 881, 1747 for N = 2^13..2^16, checked on the literal and again
 * on the primes by {@link RingContext#secure}); smaller rings cannot reach 128 bits at any useful modulus and are
 * refused too. Insecure parameters are made only by the test fixture (InsecureParameters, in this module's test
 * jar) through the package-private {@link #insecure}: production code cannot reach them.
 */
public final class Parameters {
    private final ParametersLiteral literal;
    private final RingContext ring;
    private final boolean secure;

    private Parameters(ParametersLiteral literal, RingContext ring, boolean secure) {
        this.literal = literal;
        this.ring = ring;
        this.secure = secure;
    }

    /** 128-bit secure parameters, or an IllegalArgumentException that says why not. */
    public static Parameters create(ParametersLiteral literal) {
        String problem = securityProblem(literal);
        if (problem != null) throw new IllegalArgumentException("refused CKKS parameters: " + problem);
        checkShape(literal);
        List<Long> primes = primes(literal);
        int q = literal.logQ().size();
        return new Parameters(literal, RingContext.secure(literal.logN(), primes.subList(0, q), primes.subList(q, primes.size())), true);
    }

    /**
     * Parameters below 128-bit security on a ring the test fixture built unchecked. Package-private: only the test
     * fixture reaches it; there is no public path to insecure parameters.
     */
    static Parameters insecure(ParametersLiteral literal, RingContext ring) {
        checkShape(literal);
        List<Long> primes = primes(literal);
        if (ring.logN() != literal.logN() || ring.qCount() != literal.logQ().size() || ring.pCount() != literal.logP().size()) {
            throw new IllegalArgumentException("the ring does not match " + literal);
        }
        for (int i = 0; i < primes.size(); i++) {
            if (ring.modulus(i).q != primes.get(i)) throw new IllegalArgumentException("the ring does not match " + literal);
        }
        return new Parameters(literal, ring, false);
    }

    /** The NTT primes of the literal, ciphertext primes first, then the special ones. */
    public static List<Long> primes(ParametersLiteral literal) {
        List<Integer> all = new ArrayList<>(literal.logQ());
        all.addAll(literal.logP());
        return Primes.ntt(literal.logN(), all);
    }

    /** Why the literal is not 128-bit secure, or null when it is. */
    public static String securityProblem(ParametersLiteral literal) {
        return SecurityBound.problem(literal.logN(), literal.logQP());
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
