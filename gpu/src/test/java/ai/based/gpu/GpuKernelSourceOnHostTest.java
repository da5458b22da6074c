package ai.based.gpu;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.RingContext;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernels' own CUDA C, compiled for the host with g++ ({@code src/test/cuda/host_cuda.h} in place of the CUDA
 * headers) and called through JNA, against the CPU's arithmetic: the element-wise kernels of the device accelerator
 * (sums, differences, plaintext products and their sums over whole ciphertexts) on the production N = 8192 ring's
 * primes, with the extreme residues 0 and q - 1 in every row. Build machines have no GPU; this checks what the PTX is
 * compiled from, each block run as one thread (a legal schedule of a grid-stride kernel). The device-verified
 * tensor product runs too, as a check of this harness.
 */
class GpuKernelSourceOnHostTest {
    private static final Path CUDA = Path.of("src/main/cuda");
    private static final RingContext RING = Parameters.create(ParametersLiteral.N8192).ring();
    private static final int N = RING.n();
    private static final int ROWS = RING.qCount();

    @TempDir
    static Path build;
    private static NativeLibrary resident;
    private static NativeLibrary ckks;
    private static Memory moduli;
    private final Random random = new Random(42);
    private final List<Memory> buffers = new ArrayList<>();

    @BeforeAll
    static void compileForTheHost() throws IOException, InterruptedException {
        resident = NativeLibrary.getInstance(compile("resident_kernels").toString());
        ckks = NativeLibrary.getInstance(compile("ckks_kernels").toString());
        long[] params = DeviceRing.modParams(RING);
        moduli = new Memory(8L * params.length);
        moduli.write(0, params, 0, params.length);
    }

    @AfterAll
    static void unload() {
        if (resident != null) resident.close();
        if (ckks != null) ckks.close();
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
                assertThat(sum[d][t]).as("a + b, polynomial %d, row %d", d, t).isEqualTo(expected);
                PolyMath.sub(a[d][t], b[d][t], expected, RING.modulus(t));
                assertThat(difference[d][t]).as("a - b, polynomial %d, row %d", d, t).isEqualTo(expected);
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
        launch(resident, "mul_plain", 3, aRows, pRows, out, moduli, ROWS, N);
        launch(resident, "mul_plain_add", 3, aRows, pRows, accRows, moduli, ROWS, N);
        long[][][] product = download(out, 3);
        long[][][] summed = download(accRows, 3);
        for (int d = 0; d < 3; d++) {
            for (int t = 0; t < ROWS; t++) {
                Modulus q = RING.modulus(t);
                long[] expected = new long[N];
                PolyMath.mul(a[d][t], plain[t], expected, q);
                assertThat(product[d][t]).as("a p, polynomial %d, row %d", d, t).isEqualTo(expected);
                PolyMath.mulAdd(a[d][t], plain[t], acc[d][t], q);
                assertThat(summed[d][t]).as("acc + a p, polynomial %d, row %d", d, t).isEqualTo(acc[d][t]);
            }
        }
    }

    @Test
    void theDeviceVerifiedTensorProductAgreesOnTheHostToo() {
        long[][][] a = ciphertext(2);
        long[][][] b = ciphertext(2);
        Memory out = new Memory(3L * ROWS * N * 8);
        launch(ckks, "tensor_product", 1, upload(a), upload(b), out, moduli, ROWS, N);
        long[][][] tensor = download(out, 3);
        for (int t = 0; t < ROWS; t++) {
            long[][] expected = new long[3][N];
            PolyMath.tensor(a[0][t], a[1][t], b[0][t], b[1][t], expected[0], expected[1], expected[2], RING.modulus(t));
            for (int d = 0; d < 3; d++) assertThat(tensor[d][t]).as("tensor part %d, row %d", d, t).isEqualTo(expected[d]);
        }
    }

    /** kernel(a, b, out, moduli, rows, n) over two ciphertexts of one degree; out downloaded. */
    private long[][][] launchOnCiphertexts(String kernel, long[][][] a, long[][][] b) {
        Memory out = new Memory(8L * a.length * ROWS * N);
        launch(resident, kernel, a.length, upload(a), upload(b), out, moduli, ROWS, N);
        return download(out, a.length);
    }

    /** One call per block (row y = 0..ROWS-1, polynomial z = 0..polys-1), as the device launch's grid. */
    private static void launch(NativeLibrary library, String kernel, int polys, Object... args) {
        Function function = library.getFunction(kernel);
        Function block = library.getFunction("host_block");
        for (int z = 0; z < polys; z++) {
            for (int y = 0; y < ROWS; y++) {
                block.invoke(Void.class, new Object[] {y, z});
                function.invoke(Void.class, args);
            }
        }
    }

    /** Random residues of each row's prime, with 0 and q - 1 among them. */
    private long[][][] ciphertext(int polys) {
        long[][][] c = new long[polys][ROWS][N];
        for (long[][] poly : c) {
            for (int t = 0; t < ROWS; t++) {
                long q = RING.modulus(t).q;
                for (int i = 0; i < N; i++) poly[t][i] = Math.floorMod(random.nextLong(), q);
                poly[t][random.nextInt(N)] = 0;
                poly[t][random.nextInt(N)] = q - 1;
            }
        }
        return c;
    }

    private Memory upload(long[][][] c) {
        Memory m = new Memory(8L * c.length * ROWS * N);
        buffers.add(m);
        for (int d = 0; d < c.length; d++) {
            for (int t = 0; t < c[d].length; t++) m.write(8L * ((long) d * ROWS + t) * N, c[d][t], 0, N);
        }
        return m;
    }

    private static long[][][] download(Pointer m, int polys) {
        long[][][] c = new long[polys][ROWS][];
        for (int d = 0; d < polys; d++) for (int t = 0; t < ROWS; t++) c[d][t] = m.getLongArray(8L * ((long) d * ROWS + t) * N, N);
        return c;
    }

    /** src/main/cuda/{name}.cu compiled by g++ into a shared library under the test's build folder. */
    private static Path compile(String name) throws IOException, InterruptedException {
        Path library = build.resolve("lib" + name + ".so");
        Process g;
        try {
            g = new ProcessBuilder("g++", "-O2", "-shared", "-fPIC", "-x", "c++", "-include", "src/test/cuda/host_cuda.h",
                    "-I" + CUDA, CUDA.resolve(name + ".cu").toString(), "-o", library.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("no g++ to compile the kernels for the host: run build-support/install-test-tools.sh as root", e);
        }
        String output = new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(g.waitFor(2, TimeUnit.MINUTES)).as("g++ finished").isTrue();
        assertThat(g.exitValue()).as("g++ compiles %s.cu for the host (build-support/install-test-tools.sh installs g++):%n%s", name, output)
                .isZero();
        return library;
    }
}
