package ai.based.cli.model;

import ai.based.client.BasedHome;
import ai.based.client.InvalidInputException;
import ai.based.fhe.zkllm.diagnosis.DiagnosisPackage;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.ModelPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a model package given as a directory, a name under <home>/models, or the name of a bundled one: a language
 * model ({@link #locate}) or a diagnosis classifier ({@link #locateDiagnosis}), told apart by {@link #isDiagnosis}.
 */
public final class PackageLocator {
    private PackageLocator() {}

    /** A loaded package, where it was found, and its content id ({@code name@sha256:hex}, as a Brain names it on chain). */
    public record Located(ModelPackage model, String where, ModelId id) {}

    /** A loaded diagnosis package, where it was found, and its content id. */
    public record LocatedDiagnosis(DiagnosisPackage pkg, String where, ModelId id) {}

    public static Located locate(BasedHome home, String where) {
        Optional<Path> dir = directory(home, where);
        try {
            if (dir.isPresent()) {
                ModelPackage model = ModelPackage.load(dir.get());
                return new Located(model, dir.get().toString(), ModelId.of(dir.get(), model.config().name()));
            }
            if (where.contains("/")) throw new IOException("no model package at " + where);
            return new Located(ModelPackage.bundled(where), "(bundled in the jar)", ModelId.bundled(where));
        } catch (IOException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    public static LocatedDiagnosis locateDiagnosis(BasedHome home, String where) {
        Optional<Path> dir = directory(home, where);
        try {
            if (dir.isPresent()) {
                DiagnosisPackage pkg = DiagnosisPackage.load(dir.get());
                return new LocatedDiagnosis(pkg, dir.get().toString(), pkg.id());
            }
            if (!DiagnosisPackage.BUNDLED.equals(where)) throw new IOException("no diagnosis package at " + where);
            DiagnosisPackage pkg = DiagnosisPackage.bundled();
            return new LocatedDiagnosis(pkg, "(bundled in the jar)", pkg.id());
        } catch (IOException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /** Whether {@code where} names a diagnosis package: a directory with a card and weights but no model config, or the bundled one. */
    public static boolean isDiagnosis(BasedHome home, String where) {
        return directory(home, where).map(dir -> Files.isRegularFile(dir.resolve(DiagnosisPackage.CARD)) && !Files.exists(dir.resolve(ModelPackage.CONFIG)))
                .orElse(DiagnosisPackage.BUNDLED.equals(where));
    }

    /** The content id of either kind of package. */
    public static ModelId contentId(BasedHome home, String where) {
        return isDiagnosis(home, where) ? locateDiagnosis(home, where).id() : locate(home, where).id();
    }

    private static Optional<Path> directory(BasedHome home, String where) {
        Path dir = Path.of(where);
        if (!Files.isDirectory(dir)) dir = home.root().resolve("models").resolve(where);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }
}
