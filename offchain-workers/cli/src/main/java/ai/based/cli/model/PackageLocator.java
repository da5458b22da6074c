package ai.based.cli.model;

import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.client.BasedHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a model package given as a directory, a name under <home>/models, or the name of a bundled one. */
public final class PackageLocator {
    private PackageLocator() {}

    public record Located(ModelPackage model, String where) {}

    public static Located locate(BasedHome home, String where) {
        Path dir = Path.of(where);
        if (!Files.isDirectory(dir)) dir = home.root().resolve("models").resolve(where);
        try {
            if (Files.isDirectory(dir)) return new Located(ModelPackage.load(dir), dir.toString());
            if (where.contains("/")) throw new IOException("no model package at " + where);
            return new Located(ModelPackage.bundled(where), "(bundled in the jar)");
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
