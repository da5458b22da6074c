package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.compute.ComputeBackends;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NttTest {

    @Test
    void serviceLoaderSelectsTheFastestBackendTheMachineHas() {
        // expected from the machine (CPU flags, JVM flags and modules), not from the backend's own test of itself:
        // a GPU whose device answers, else AVX-512, else AVX2, else scalar, less what -Dbased.ckks.backend turns off
        assertThat(ComputeBackends.selected().name()).isEqualTo(MachineBackends.expectedSelection());
        assertThat(new RingContext(4, List.of(Primes.ntt(4, List.of(30)).getFirst()), List.of()).backend().available()).isTrue();
    }

    @Test
    void theAcceleratedTransformsEqualTheScalarOnesBitForBit() {
        List<ComputeBackend> backends = MachineBackends.acceleratedBackends("theAcceleratedTransformsEqualTheScalarOnesBitForBit");
        org.junit.jupiter.api.Assumptions.assumeFalse(backends.isEmpty(), "no accelerated backend on this machine");
        for (ComputeBackend backend : backends) {
            for (int logN : new int[] {2, 3, 4, 5, 6, 7, 10, 13, 14}) { // below, at and above the 16-coefficient block
                for (long q : primes(logN)) {
                    Modulus m = new Modulus(q);
                    Ntt ntt = new Ntt(m, logN);
                    long[] a = new long[1 << logN];
                    Sampler.named("vector" + logN + q).uniform(a, m);
                    long[] scalar = a.clone();
                    long[] accelerated = a.clone();
                    ntt.forward(scalar);
                    backend.forwardNtt(ntt, accelerated);
                    assertThat(accelerated).as("%s forward, N = 2^%d, q = %d", backend.name(), logN, q).isEqualTo(scalar);
                    ntt.inverse(scalar);
                    backend.inverseNtt(ntt, accelerated);
                    assertThat(accelerated).as("%s inverse, N = 2^%d, q = %d", backend.name(), logN, q).isEqualTo(scalar).isEqualTo(a);
                }
            }
        }
    }

    /** c(X^gap) transformed through the subring of degree N/gap equals the ring's own transform, for every gap. */
    @Test
    void aSpreadPolynomialsTransformThroughItsSubringIsTheRingsTransform() {
        int logN = 12;
        RingContext ring = new RingContext(logN, Primes.ntt(logN, List.of(60, 40)), Primes.ntt(logN, List.of(50)).subList(0, 1));
        for (int index = 0; index < 3; index++) {
            Modulus m = ring.modulus(index);
            for (int gap = 1; gap <= ring.n() / 4; gap <<= 1) {
                long[] c = new long[ring.n() / gap];
                Sampler.named("spread" + index + "-" + gap).uniform(c, m);
                long[] spread = new long[ring.n()];
                for (int i = 0; i < c.length; i++) spread[i * gap] = c[i];
                ring.forward(index, spread);
                long[] out = new long[ring.n()];
                ring.forwardSpread(index, c, out);
                assertThat(out).as("prime %d, gap %d", index, gap).isEqualTo(spread);
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ring.forwardSpread(0, new long[3], new long[ring.n()]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must divide N");
    }

    @Test
    void primesAreDistinctNttFriendlyAndOfTheAskedSize() {
        List<Long> primes = Primes.ntt(13, List.of(60, 40, 40, 60));
        assertThat(primes).doesNotHaveDuplicates();
        for (int i = 0; i < primes.size(); i++) {
            assertThat(primes.get(i) % (2L << 13)).isEqualTo(1);
            assertThat(64 - Long.numberOfLeadingZeros(primes.get(i))).isEqualTo(List.of(60, 40, 40, 60).get(i));
        }
    }

    @Test
    void barrettAgreesWithBigInteger() {
        Modulus m = new Modulus(Primes.ntt(14, List.of(60)).getFirst());
        Sampler random = Sampler.named("barrett");
        for (int i = 0; i < 10_000; i++) {
            long a = Math.floorMod(random.nextLong(), m.q);
            long b = Math.floorMod(random.nextLong(), m.q);
            long expected = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                    .mod(java.math.BigInteger.valueOf(m.q)).longValue();
            assertThat(m.mul(a, b)).isEqualTo(expected);
        }
    }

    @Test
    void shoupCompanionIsFloorOfWTimes2To64OverQ() {
        Modulus m = new Modulus(Primes.ntt(14, List.of(60)).getFirst());
        Sampler random = Sampler.named("shoup");
        for (int i = 0; i < 10_000; i++) {
            long w = Math.floorMod(random.nextLong(), m.q);
            long expected = java.math.BigInteger.valueOf(w).shiftLeft(64).divide(java.math.BigInteger.valueOf(m.q)).longValue();
            assertThat(m.shoup(w)).isEqualTo(expected);
        }
    }

    @Test
    void roundTripIsTheIdentity() {
        for (int logN : new int[] {2, 3, 4, 5, 10, 13, 14}) { // both parities: radix-4 passes with and without a radix-2 stage
            for (long q : Primes.ntt(logN, List.of(60, 40, 30))) {
                Modulus m = new Modulus(q);
                Ntt ntt = new Ntt(m, logN);
                long[] a = new long[1 << logN];
                Sampler.named("ntt" + logN + q).uniform(a, m);
                long[] copy = a.clone();
                ntt.forward(a);
                ntt.inverse(a);
                assertThat(a).isEqualTo(copy);
            }
        }
    }

    @Test
    void dyadicProductInTheNttDomainIsTheNegacyclicProduct() {
        for (int logN : new int[] {5, 6}) {
            dyadicProductMatchesSchoolbook(logN);
        }
    }

    private static void dyadicProductMatchesSchoolbook(int logN) {
        int n = 1 << logN;
        for (long q : Primes.ntt(logN, List.of(60, 31))) {
            Modulus m = new Modulus(q);
            Ntt ntt = new Ntt(m, logN);
            long[] a = new long[n];
            long[] b = new long[n];
            Sampler random = Sampler.named("schoolbook" + q);
            random.uniform(a, m);
            random.uniform(b, m);
            long[] expected = new long[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    long product = m.mul(a[i], b[j]);
                    int k = i + j;
                    if (k < n) expected[k] = m.add(expected[k], product);
                    else expected[k - n] = m.sub(expected[k - n], product);
                }
            }
            ntt.forward(a);
            ntt.forward(b);
            long[] c = new long[n];
            PolyMath.mul(a, b, c, m);
            ntt.inverse(c);
            assertThat(c).isEqualTo(expected);
        }
    }

    /** NTT primes of 60, 40 and 30 bits and the largest below 2^61, the widest a Modulus takes: the lazy bounds' edge. */
    static List<Long> primes(int logN) {
        List<Long> primes = new java.util.ArrayList<>(Primes.ntt(logN, List.of(60, 40, 30)));
        long step = 2L << logN;
        long q = (1L << 61) - step + 1;
        while (!java.math.BigInteger.valueOf(q).isProbablePrime(64)) q -= step;
        primes.add(q);
        return primes;
    }
}
