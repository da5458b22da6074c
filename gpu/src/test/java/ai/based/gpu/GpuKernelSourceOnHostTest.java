package ai.based.gpu;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.RnsConversion;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernels' own CUDA C, compiled for the host with g++ ({@code src/test/cuda/host_cuda.h} in place of the CUDA
 * headers) and called through JNA, against the CPU's arithmetic: the device accelerator's element-wise kernels (sums,
 * differences, plaintext products and their sums over whole ciphertexts; the extended basis's sums, lift by P and
 * division by P q_level) on the production N = 16384 ring's primes, with the extreme residues 0 and q - 1 in every
 * row. Build machines have no GPU; this checks what the PTX is compiled from, each block run as one thread (a legal
 * schedule of a grid-stride kernel). The device-verified tensor product runs too, as a check of this harness.
 */
class GpuKernelSourceOnHostTest {
    private static final RingContext RING = Parameters.create(ParametersLiteral.N16384).ring();
    private static final int N = RING.n();
    private static final int ROWS = RING.qCount();
    private static final int K = RING.pCount();
    private static final RnsConversion CONVERSION = new RnsConversion(RING);

    private static NativeLibrary resident;
    private static NativeLibrary ckks;
    private static Memory moduli;
    private final Random random = new Random(42);
    private final List<Memory> buffers = new ArrayList<>();

    @BeforeAll
    static void compileForTheHost() {
        resident = HostKernelLibrary.load(CudaDriver.RESIDENT_MODULE);
        ckks = HostKernelLibrary.load(CudaDriver.CKKS_MODULE);
        long[] params = DeviceRing.modParams(RING);
        moduli = new Memory(8L * params.length);
        moduli.write(0, params, 0, params.length);
    }

    @Test
    void sumsAndDifferencesOfWholeCiphertextsAreTheCpusResidues() {
        long[][][] a = ciphertext(2);
        long[][][] b = ciphertext(2);
        long[][][] sum = launchOnCiphertexts("add_ciphertexts", a, b);
        long[][][] difference = launchOnCiphertexts("sub_ciphertexts", a, b);
        for (int d = 0; d < 2; d++) {
            for (int t = 0; t < ROWS; t++) {
                long[] expected = new long[N];
                PolyMath.add(a[d][t], b[d][t], expected, RING.modulus(t));
                assertSameRow(sum[d][t], expected, "a + b, polynomial %d, row %d", d, t);
                PolyMath.sub(a[d][t], b[d][t], expected, RING.modulus(t));
                assertSameRow(difference[d][t], expected, "a - b, polynomial %d, row %d", d, t);
            }
        }
    }

    @Test
    void plaintextProductsAndTheirSumsAreTheCpusResidues() {
        long[][][] a = ciphertext(3); // a degree-2 ciphertext: a third polynomial in the grid's z
        long[][] plain = ciphertext(1)[0];
        long[][][] acc = ciphertext(3);
        Memory aRows = upload(a);
        Memory pRows = upload(new long[][][] {plain});
        Memory out = new Memory(aRows.size());
        Memory accRows = upload(acc);
        launch(resident, "mul_plain", ROWS, 3, aRows, pRows, out, moduli, ROWS, N);
        launch(resident, "mul_plain_add", ROWS, 3, aRows, pRows, accRows, moduli, ROWS, N);
        long[][][] product = download(out, 3);
        long[][][] summed = download(accRows, 3);
        for (int d = 0; d < 3; d++) {
            for (int t = 0; t < ROWS; t++) {
                Modulus q = RING.modulus(t);
                long[] expected = new long[N];
                PolyMath.mul(a[d][t], plain[t], expected, q);
                assertSameRow(product[d][t], expected, "a p, polynomial %d, row %d", d, t);
                PolyMath.mulAdd(a[d][t], plain[t], acc[d][t], q);
                assertSameRow(summed[d][t], acc[d][t], "acc + a p, polynomial %d, row %d", d, t);
            }
        }
    }

    @Test
    void productsByPerPrimeConstantsAndConstantsAddedAreTheCpusResidues() {
        long[][][] c = ciphertext(2);
        long[] constants = new long[2 * ROWS];
        for (int t = 0; t < ROWS; t++) {
            Modulus q = RING.modulus(t);
            constants[t] = t == 0 ? q.q - 1 : Math.floorMod(random.nextLong(), q.q); // q - 1: negation
            constants[ROWS + t] = q.shoup(constants[t]);
        }
        Memory rows = upload(c);
        Memory table = table(constants);
        Memory scaled = new Memory(rows.size());
        Memory shifted = new Memory(rows.size());
        launch(resident, "mul_const_rows", ROWS, 2, rows, scaled, table, moduli, ROWS, N);
        launch(resident, "add_const_rows", ROWS, 1, rows, shifted, table, moduli, ROWS, N);
        long[][][] products = download(scaled, 2);
        long[][] sums = download(shifted, 1)[0];
        for (int t = 0; t < ROWS; t++) {
            Modulus q = RING.modulus(t);
            for (int d = 0; d < 2; d++) {
                long[] expected = new long[N];
                PolyMath.mulScalar(c[d][t], constants[t], expected, q);
                assertSameRow(products[d][t], expected, "c times constant %d, polynomial %d", t, d);
            }
            long[] expected = new long[N];
            for (int i = 0; i < N; i++) expected[i] = q.add(c[0][t][i], constants[t]);
            assertSameRow(sums[t], expected, "c_0 plus constant %d", t);
        }
    }

    @Test
    void aSumOfPlaintextProductsInOneLaunchIsTheCpusResidues() {
        int terms = 5;
        long[][][][] cs = new long[terms][][][];
        long[][][] ps = new long[terms][][];
        long[] table = new long[2 * terms];
        for (int j = 0; j < terms; j++) {
            cs[j] = ciphertext(2);
            ps[j] = ciphertext(1)[0];
            table[2 * j] = Pointer.nativeValue(upload(cs[j]));
            table[2 * j + 1] = Pointer.nativeValue(upload(new long[][][] {ps[j]}));
        }
        Memory out = new Memory(8L * 2 * ROWS * N);
        launch(resident, "mul_plain_sum", ROWS, 2, table(table), out, moduli, ROWS, terms, N);
        long[][][] sum = download(out, 2);
        for (int d = 0; d < 2; d++) {
            for (int t = 0; t < ROWS; t++) {
                long[] expected = new long[N];
                for (int j = 0; j < terms; j++) PolyMath.mulAdd(cs[j][d][t], ps[j][t], expected, RING.modulus(t));
                assertSameRow(sum[d][t], expected, "the sum of %d products, polynomial %d, row %d", terms, d, t);
            }
        }
    }

    @Test
    void theDeviceVerifiedTensorProductAgreesOnTheHostToo() {
        long[][][] a = ciphertext(2);
        long[][][] b = ciphertext(2);
        Memory out = new Memory(3L * ROWS * N * 8);
        launch(ckks, "tensor_product", ROWS, 1, upload(a), upload(b), out, moduli, ROWS, N);
        long[][][] tensor = download(out, 3);
        for (int t = 0; t < ROWS; t++) {
            long[][] expected = new long[3][N];
            PolyMath.tensor(a[0][t], a[1][t], b[0][t], b[1][t], expected[0], expected[1], expected[2], RING.modulus(t));
            for (int d = 0; d < 3; d++) assertSameRow(tensor[d][t], expected[d], "tensor part %d, row %d", d, t);
        }
    }

    @Test
    void sumsOverQpAndTheLiftByPAreTheCpusResidues() {
        int level = 2;
        int rows = level + 1 + K;
        long[][][] acc = rows(2, rows, level);
        long[][][] x = rows(2, rows, level);
        Memory sum = upload(acc);
        launch(resident, "add_ciphertexts", rows, 2, sum, upload(x), sum, moduli, rows, level, RING.qCount(), N);
        long[][][] base = rows(2, level + 1, level);
        Memory lifted = new Memory(8L * 2 * rows * N);
        Memory baseRows = upload(base);
        launch(resident, "extend_rows", rows, 2, upload(new long[][][] {acc[0]}), null, baseRows, baseRows.share(8L * (level + 1) * N), lifted, pModQ(), moduli, level, K,
                RING.qCount(), N);
        long[][][] summed = download(sum, 2, rows);
        long[][][] extended = download(lifted, 2, rows);
        for (int t = 0; t < rows; t++) {
            Modulus m = RING.modulus(prime(t, level));
            for (int d = 0; d < 2; d++) {
                long[] expected = new long[N];
                PolyMath.add(acc[d][t], x[d][t], expected, m);
                assertSameRow(summed[d][t], expected, "acc + x over Q P, polynomial %d, row %d", d, t);
            }
            long[] first = acc[0][t].clone();
            if (t <= level) CONVERSION.addTimesP(base[0][t], first, t);
            assertSameRow(extended[0][t], first, "acc + P base, row %d", t);
            long[] second = new long[N];
            if (t <= level) CONVERSION.addTimesP(base[1][t], second, t);
            assertSameRow(extended[1][t], second, "P base alone (no accumulator), row %d", t);
        }
    }

    /**
     * divide_convert and divide_finish between the device's NTTs (here the CPU's, which the device's match word for
     * word): round(x / (P q_level)) as RnsConversion divides a transform's giant steps, at the top level and below.
     */
    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 3, 6}) // 6: the top of N16384's chain
    void theDivisionByPAndTheLastPrimeIsTheCpusRounding(int level) {
        int rows = level + 1 + K;
        long[][][] x = rows(2, rows, level);
        long[][][] divisors = new long[2][K + 1][];
        long[][][] expected = new long[2][][];
        for (int d = 0; d < 2; d++) {
            for (int j = 0; j <= K; j++) {
                int prime = j < K ? RING.qCount() + j : level;
                divisors[d][j] = x[d][j < K ? level + 1 + j : level].clone();
                RING.inverse(prime, divisors[d][j]);
            }
            long[][] q = new long[level + 1][];
            for (int t = 0; t <= level; t++) q[t] = x[d][t].clone();
            long[][] p = new long[K][];
            for (int j = 0; j < K; j++) p[j] = x[d][level + 1 + j].clone();
            CONVERSION.divideExtendedByPAndLastPrime(q, level, p);
            expected[d] = java.util.Arrays.copyOf(q, level);
        }
        var divisor = CONVERSION.divisorByPAndLastPrime(level);
        Memory converted = new Memory(8L * 2 * level * N);
        launch(resident, "divide_convert", level, 2, upload(divisors), converted, table(DeviceDivision.conversionConstants(RING, divisor, level)),
                moduli, level, K + 1, K, RING.qCount(), N);
        long[][][] conv = download(converted, 2, level);
        for (long[][] poly : conv) for (int t = 0; t < level; t++) RING.forward(t, poly[t]);
        Memory out = new Memory(8L * 2 * level * N);
        launch(resident, "divide_finish", level, 2, upload(x), upload(conv), out, table(DeviceDivision.inverses(RING, divisor, level)), moduli,
                level, rows, N);
        long[][][] divided = download(out, 2, level);
        for (int d = 0; d < 2; d++) {
            for (int t = 0; t < level; t++) assertSameRow(divided[d][t], expected[d][t], "x / (P q_%d), polynomial %d, row %d", level, d, t);
        }
    }

    /** kernel(a, b, out, moduli, rows, level, qCount, n) over two ciphertexts of one degree; out downloaded. */
    private long[][][] launchOnCiphertexts(String kernel, long[][][] a, long[][][] b) {
        Memory out = new Memory(8L * a.length * ROWS * N);
        launch(resident, kernel, ROWS, a.length, upload(a), upload(b), out, moduli, ROWS, ROWS - 1, RING.qCount(), N);
        return download(out, a.length);
    }

    /** One call per block (row y = 0..gridY-1, polynomial z = 0..polys-1), as the device launch's grid. */
    private static void launch(NativeLibrary library, String kernel, int gridY, int polys, Object... args) {
        Function function = library.getFunction(kernel);
        Function block = library.getFunction("host_block");
        for (int z = 0; z < polys; z++) {
            for (int y = 0; y < gridY; y++) {
                block.invoke(Void.class, new Object[] {y, z});
                function.invoke(Void.class, args);
            }
        }
    }

    /** Random residues of each row's prime, with 0 and q - 1 among them. */
    private long[][][] ciphertext(int polys) {
        return rows(polys, ROWS, ROWS - 1);
    }

    /** Random rows over q_0..q_level, then the special primes: {@code rows} per polynomial. */
    private long[][][] rows(int polys, int rows, int level) {
        long[][][] c = new long[polys][rows][N];
        for (long[][] poly : c) {
            for (int t = 0; t < rows; t++) {
                long q = RING.modulus(prime(t, level)).q;
                for (int i = 0; i < N; i++) poly[t][i] = Math.floorMod(random.nextLong(), q);
                poly[t][random.nextInt(N)] = 0;
                poly[t][random.nextInt(N)] = q - 1;
            }
        }
        return c;
    }

    /** Equal rows, or the first differing coefficient named (not two rows of N words printed). */
    private static void assertSameRow(long[] actual, long[] expected, String what, Object... args) {
        assertThat(java.util.Arrays.mismatch(actual, expected)).as("first differing coefficient of " + what, args).isEqualTo(-1);
    }

    private static int prime(int t, int level) {
        return t <= level ? t : RING.qCount() + t - level - 1;
    }

    /** [P]_{q_t} and their Shoup companions, as DeviceRing uploads them. */
    private Memory pModQ() {
        long[] table = new long[2 * RING.qCount()];
        for (int t = 0; t < RING.qCount(); t++) {
            Modulus q = RING.modulus(t);
            table[t] = RING.modulus(RING.qCount()).q % q.q;
            table[RING.qCount() + t] = q.shoup(table[t]);
        }
        return table(table);
    }

    private Memory table(long[] words) {
        Memory m = new Memory(8L * words.length);
        buffers.add(m);
        m.write(0, words, 0, words.length);
        return m;
    }

    /** Polynomials of equally many rows, [poly][row][N] back to back. */
    private Memory upload(long[][][] c) {
        int rows = c[0].length;
        Memory m = new Memory(8L * c.length * rows * N);
        buffers.add(m);
        for (int d = 0; d < c.length; d++) {
            for (int t = 0; t < rows; t++) m.write(8L * ((long) d * rows + t) * N, c[d][t], 0, N);
        }
        return m;
    }

    private static long[][][] download(Pointer m, int polys) {
        return download(m, polys, ROWS);
    }

    private static long[][][] download(Pointer m, int polys, int rows) {
        long[][][] c = new long[polys][rows][];
        for (int d = 0; d < polys; d++) for (int t = 0; t < rows; t++) c[d][t] = m.getLongArray(8L * ((long) d * rows + t) * N, N);
        return c;
    }
}
