package ai.based.fhe.ring;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The 128-bit bound of the HomomorphicEncryption.org table for a ternary secret (DESIGN §6): log2 QP at most
 * 218, 438, 881, 1747 for N = 2^13..2^16. Smaller rings cannot reach 128 bits at any useful modulus.
 */
public final class SecurityBound {
    private static final Map<Integer, Integer> MAX_LOG_QP_128 = Map.of(13, 218, 14, 438, 15, 881, 16, 1747);

    private SecurityBound() {}

    /** Why a ring of degree 2^logN with log2 QP = logQP bits is not 128-bit secure, or null when it is. */
    public static String problem(int logN, int logQP) {
        Integer max = MAX_LOG_QP_128.get(logN);
        if (max == null) {
            return "N = 2^" + logN + " has no 128-bit entry in the HomomorphicEncryption.org table (use 2^13..2^16)";
        }
        if (logQP > max) return "log2 QP = " + logQP + " exceeds " + max + ", the 128-bit bound for N = 2^" + logN;
        return null;
    }

    /** The same check on the primes themselves: QP must be below 2^max. */
    static String problem(int logN, List<Long> qPrimes, List<Long> pPrimes) {
        BigInteger qp = BigInteger.ONE;
        for (long q : qPrimes) qp = qp.multiply(BigInteger.valueOf(q));
        for (long p : pPrimes) qp = qp.multiply(BigInteger.valueOf(p));
        return problem(logN, qp.bitLength());
    }
}
