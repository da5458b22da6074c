package ai.based.cli.model;

import ai.based.client.InvalidInputException;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.client.BasedHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a model package given as a directory, a name under <home>/models, or the name of a bundled one. */
public final class PackageLocator {
    private PackageLocator() {}

    /** A loaded package, where it was found, and its content id ({@code name@sha256:hex}, as a Brain names it on chain). */
    public record Located(ModelPackage model, String where, ModelId id) {}

    public static Located locate(BasedHome home, String where) {
        Path dir = Path.of(where);
        if (!Files.isDirectory(dir)) dir = home.root().resolve("models").resolve(where);
        try {
            if (Files.isDirectory(dir)) {
                ModelPackage model = ModelPackage.load(dir);
                return new Located(model, dir.toString(), ModelId.of(dir, model.config().name()));
            }
            if (where.contains("/")) throw new IOException("no model package at " + where);
            return new Located(ModelPackage.bundled(where), "(bundled in the jar)", ModelId.bundled(where));
        } catch (IOException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
