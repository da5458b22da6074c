// Generates a web3j wrapper for every <Name>.abi/<Name>.bin pair that compile.js wrote.
// Run by Maven in source-file mode with web3j codegen on the class path:
//   java -cp <codegen classpath> GenerateWrappers.java <solc-out> <java-out> <package>
// The wrappers are build output; they are never committed or edited.

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

public class GenerateWrappers {
    private static final int ADDRESS_BYTES = 20;

    public static void main(String[] args) throws Exception {
        Path solcOut = Path.of(args[0]);
        File javaOut = new File(args[1]);
        String basePackage = args[2];
        List<Path> abis;
        try (Stream<Path> files = Files.list(solcOut)) {
            abis = files.filter(p -> p.toString().endsWith(".abi")).sorted().toList();
        }
        if (abis.isEmpty()) {
            throw new IllegalStateException("no ABI in " + solcOut + ": did compile.js run?");
        }
        Files.write(solcOut.resolve("index.txt"),
                abis.stream().map(p -> p.getFileName().toString()).toList());
        for (Path abi : abis) {
            String name = abi.getFileName().toString().replace(".abi", "");
            File bin = solcOut.resolve(name + ".bin").toFile();
            new SolidityFunctionWrapperGenerator(
                            bin, abi.toFile(), javaOut, name, basePackage, true, false, ADDRESS_BYTES)
                    .generate();
        }
        System.out.println("GenerateWrappers: " + abis.size() + " wrappers in " + javaOut);
    }
}
