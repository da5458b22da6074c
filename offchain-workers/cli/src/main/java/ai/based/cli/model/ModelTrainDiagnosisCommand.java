package ai.based.cli.model;

import ai.based.cli.BaseCommand;
import ai.based.client.InvalidInputException;
import ai.based.fhe.zkllm.diagnosis.DiagnosisCard;
import ai.based.fhe.zkllm.diagnosis.DiagnosisPackage;
import ai.based.fhe.zkllm.diagnosis.DiagnosisSplit;
import ai.based.fhe.zkllm.diagnosis.DiagnosisTrainer;
import ai.based.fhe.zkllm.diagnosis.LogisticBaseline;
import ai.based.fhe.zkllm.diagnosis.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-diagnosis", description = "Train the HE-friendly diagnosis classifier (30 -> hidden, quadratic activation, -> 1) on "
        + "the shipped Wisconsin breast-cancer records (20%% of each class held out, seed 19) beside a logistic-regression baseline, and "
        + "write a package: model.safetensors, model-card.json; prints its content hash.")
public final class ModelTrainDiagnosisCommand extends BaseCommand {
    @Option(names = "--hidden", defaultValue = "16", description = "hidden units, 1 to 32 (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--steps", defaultValue = "1500", description = "full-batch Adam steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "19", description = "the initialisation's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads; one gives the same model bit for bit (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the package (default: <home>/models/diagnosis)")
    Path out;

    @Option(names = "--write-held-out", paramLabel = "FILE", description = "also write the held-out records (with their diagnosis) as CSV")
    Path heldOutFile;

    @Override
    protected void run() throws Exception {
        if (threads < 1) throw new InvalidInputException("--threads must be positive, got " + threads);
        DjlSettings.apply(threads);
        DiagnosisTrainer.Config config;
        try {
            config = new DiagnosisTrainer.Config(hidden, steps, DiagnosisTrainer.Config.DEFAULT.learningRate(), DiagnosisTrainer.Config.DEFAULT.l2(), seed);
        } catch (IllegalArgumentException refused) {
            throw new InvalidInputException(refused.getMessage(), refused);
        }
        DiagnosisSplit split = DiagnosisSplit.standard();
        progress().accept(String.format("records: %d training, %d held out (%d malignant)", split.training().size(), split.heldOut().size(),
                split.heldOut().count(1)));
        DiagnosisTrainer.Trained trained = DiagnosisTrainer.train(split.training(), config, progress());
        Metrics heldOut = Metrics.of(trained.model().scores(split.heldOut().features()), split.heldOut().labels());
        Metrics baseline = Metrics.of(LogisticBaseline.fit(split.training()).scores(split.heldOut().features()), split.heldOut().labels());
        DiagnosisCard card = new DiagnosisCard(DiagnosisPackage.BUNDLED, config, split.training().size(), split.heldOut().size(),
                DiagnosisSplit.SEED, heldOut, baseline, trained.seconds(),
                java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + threads + " thread(s)",
                "Wisconsin Diagnostic Breast Cancer (UCI, CC BY 4.0), via scikit-learn 1.2.1 in Debian python3-sklearn 1.2.1+dfsg-1");
        Path dir = out != null ? out : home().root().resolve("models").resolve(DiagnosisPackage.BUNDLED);
        DiagnosisPackage written = DiagnosisPackage.save(trained.model(), card, dir);
        out().println(card.summary());
        out().println("package written to " + dir + ", content hash " + written.contentHash());
        if (heldOutFile != null) {
            Files.writeString(heldOutFile, split.heldOut().toCsv());
            out().println("held-out records written to " + heldOutFile);
        }
    }
}
