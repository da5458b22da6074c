package ai.based.fhe.rlwe;

import ai.based.fhe.ring.RingContext;

/**
 * How key switching splits the ciphertext primes into digits: consecutive groups of {@code size} primes, as many as
 * there are special primes (the generalised hybrid key switching of Han and Ki, Lattigo's default). The key's digit j
 * encrypts P g_j s' with the gadget g_j = 1 modulo the primes of group j and 0 modulo the others, and a ciphertext's
 * digit j is its residue modulo the group's product Q_j, lifted to every other prime. The noise a switch adds grows
 * with Q_j / P, so P needs about as many bits as a group; in return a key holds {@code count()} digits instead of one
 * per prime, and a switch lifts that many: with one special prime (every set before grouped digits) each prime is a
 * digit of its own, SEAL's scheme.
 */
public record KeyDigits(int primes, int size) {
    public KeyDigits {
        if (primes < 1 || size < 1) throw new IllegalArgumentException("a key needs at least one prime and digits of at least one prime");
    }

    public static KeyDigits of(RingContext ring) {
        return new KeyDigits(ring.qCount(), ring.pCount());
    }

    /** Digits of a key: every ciphertext prime belongs to one. */
    public int count() {
        return (primes + size - 1) / size;
    }

    /** Digits of a ciphertext at {@code level} (primes 0..level): the top one may be partial. */
    public int countAt(int level) {
        return level / size + 1;
    }

    public int first(int digit) {
        return digit * size;
    }

    /** The last prime of digit {@code digit} present at {@code level}. */
    public int last(int digit, int level) {
        return Math.min(first(digit) + size - 1, level);
    }

    public int digitOf(int prime) {
        return prime / size;
    }
}
