package ai.based.gpu;

import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A kernel module's CUDA C ({@code src/main/cuda/<module>.cu}) compiled for the host by g++ with
 * {@code src/test/cuda/host_cuda.h} in place of the CUDA headers, each kernel also given an {@code emulate_<kernel>}
 * launcher. Built once per content under {@code target/host-kernels}, so test forks share it.
 */
final class HostKernelLibrary {
    static final Path CUDA = Path.of("src/main/cuda");
    private static final Path HEADER = Path.of("src/test/cuda/host_cuda.h");
    private static final Path BUILT = Path.of("target/host-kernels");
    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (?:__launch_bounds__\\(\\w+\\) )?(\\w+)\\(");

    private HostKernelLibrary() {}

    /** The kernels {@code <module>.cu} declares, in order. */
    static List<String> kernels(String module) {
        List<String> names = new ArrayList<>();
        Matcher m = KERNEL.matcher(read(CUDA.resolve(module + ".cu")));
        while (m.find()) names.add(m.group(1));
        return names;
    }

    static synchronized NativeLibrary load(String module) {
        StringBuilder unit = new StringBuilder();
        unit.append("#include \"").append(HEADER.toAbsolutePath()).append("\"\n");
        unit.append("#include \"").append(CUDA.resolve(module + ".cu").toAbsolutePath()).append("\"\n");
        for (String kernel : kernels(module)) unit.append("HOST_EMULATE(").append(kernel).append(")\n");
        Path library = BUILT.resolve(digest(unit.toString())).resolve("lib" + module + ".so");
        if (!Files.exists(library)) compile(unit.toString(), library);
        return NativeLibrary.getInstance(library.toAbsolutePath().toString());
    }

    private static void compile(String unit, Path library) {
        try {
            Files.createDirectories(library.getParent());
            Path source = Files.createTempFile(library.getParent(), "unit", ".cpp");
            Path partial = Files.createTempFile(library.getParent(), "lib", ".so.part");
            Files.writeString(source, unit);
            Process g;
            try {
                g = new ProcessBuilder("g++", "-O2", "-std=c++17", "-shared", "-fPIC", "-ffp-contract=off", source.toString(),
                        "-o", partial.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("no g++ to compile the kernels for the host: run build-support/install-test-tools.sh as root", e);
            }
            String output = new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!g.waitFor(3, TimeUnit.MINUTES)) {
                g.destroyForcibly();
                throw new IllegalStateException("g++ did not finish compiling " + library.getFileName() + " in 3 minutes");
            }
            if (g.exitValue() != 0) throw new IllegalStateException("g++ could not compile the kernels for the host:\n" + output);
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the kernels for the host", e);
        }
    }

    /** Of the unit and every file it can include: a change to any source builds anew. */
    private static String digest(String unit) {
        try (Stream<Path> sources = Files.list(CUDA)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(unit.getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(HEADER));
            for (Path p : sources.sorted().toList()) sha.update(Files.readAllBytes(p));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
