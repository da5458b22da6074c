package ai.based.cli.query;

import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.cli.model.PackageLocator;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.client.Pepe;
import ai.based.client.market.ComputeMarketClient;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.zkllm.diagnosis.DiagnosisClient;
import ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis;
import ai.based.fhe.zkllm.diagnosis.Metrics;
import ai.based.fhe.zkllm.diagnosis.PatientRecords;
import ai.based.fhe.zkllm.diagnosis.Predictions;
import ai.based.fhe.zkllm.diagnosis.RecordFileException;
import ai.based.fhe.zkllm.diagnosis.RecordsParser;
import ai.based.miner.remote.ChannelPayer;
import ai.based.miner.remote.EvaluationKeyFormat;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A clinic's encrypted diagnosis (whitepaper §6.1): the records file is checked whole before anything else, keys are
 * made for this run and the secret key stays in memory, the records are encrypted 128 per ciphertext, a diagnosis
 * Brain's miner scores the ciphertexts, and only this process decrypts the scores. What crosses the network is the
 * evaluation keys, the records and score ciphertexts, the key-set id (random) and the paying account.
 */
@Command(name = "diagnose", description = "Score patient records with a diagnosis Brain's model, encrypted (CKKS, 128-bit): the "
        + "miner sees neither the measurements nor the scores. Writes per record the score, the probability of malignancy and "
        + "the class (CSV); prints the accuracy when the file has a diagnosis column. Pays one compute unit per 128 records.")
public final class DiagnoseCommand extends BaseCommand {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--brain", required = true, paramLabel = "N", converter = ai.based.cli.Converters.BrainNumber.class,
            description = "the diagnosis Brain whose miners score the records (found on chain, fastest first)")
    Long brainId;

    @Option(names = "--records", required = true, paramLabel = "FILE", description = "CSV with a header naming the 30 measurements "
            + "(any order) and optionally 'diagnosis' (benign/malignant), one record per line")
    Path records;

    @Option(names = "--out", paramLabel = "FILE", description = "write the predictions there (default: standard output, the summary then "
            + "goes to standard error)")
    Path outFile;

    @Option(names = "--model", paramLabel = "NAME|DIR", description = "the diagnosis package (default: the Brain's model, by name)")
    String model;

    @Option(names = "--miner", paramLabel = "URL", description = "ask only this one of the Brain's miners (https://host:port)")
    URI miner;

    @Option(names = "--retry", description = "when a miner fails on its side, go on with the next one (uploading the key set there)")
    boolean retry;

    /** Who pays the Brain's miners. */
    @ArgGroup(exclusive = false)
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        PatientRecords patients;
        try {
            patients = RecordsParser.read(records);
        } catch (RecordFileException e) {
            throw new InvalidInputException(e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("no records file at " + records, e);
        }
        if (signer == null) throw new ParameterException(spec.commandLine(), "Brain #" + brainId + "'s miners are paid: give --wallet NAME");
        try (BasedSession session = BasedSession.open(network.manifest(home()))) {
            BrainMiners brain = BrainMiners.find(session, brainId, miner);
            String where = model != null ? model : brain.model().name();
            if (!PackageLocator.isDiagnosis(home(), where)) {
                throw new InvalidInputException("Brain #" + brainId + " runs " + brain.model() + ", which is not a diagnosis model: ask it with 'based query'");
            }
            PackageLocator.LocatedDiagnosis located = PackageLocator.locateDiagnosis(home(), where);
            if (!located.id().equals(brain.model())) {
                throw new InvalidInputException("Brain #" + brainId + " runs " + brain.model() + ", but your package " + located.where() + " is "
                        + located.id() + ": diagnose with the Brain's package (--model)");
            }
            Parameters params = Parameters.create(EncryptedDiagnosis.PARAMETERS);
            DiagnosisClient clinic = new DiagnosisClient(located.pkg().model(), params, Sampler.secure());
            int ciphertexts = (patients.size() + clinic.recordsPerCiphertext() - 1) / clinic.recordsPerCiphertext();
            ChannelPayer payer = new ChannelPayer(new ComputeMarketClient(session), signer.unlock(home()), brainId,
                    home().root().resolve("payments").resolve(network.name()));
            payer.checkCovers(ciphertexts, patients.size() + " records (" + ciphertexts + " compute units of 128 records)");
            List<byte[]> up;
            try {
                up = clinic.encryptForWire(patients);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(records + ": " + e.getMessage(), e);
            }
            long k0 = System.nanoTime();
            EvaluationKeys keys = clinic.evaluationKeys();
            PrintWriter summary = outFile != null ? out() : spec.commandLine().getErr();
            summary.printf("%s (%s); %s; %d records in %d ciphertexts; keys made in %.1f s%n", located.id(), located.where(), params,
                    patients.size(), ciphertexts, (System.nanoTime() - k0) / 1e9);
            RemoteDiagnosis remote = new RemoteDiagnosis(clinic, keys, new EvaluationKeyFormat(params), payer, retry, progress());
            long s0 = System.nanoTime();
            double[] scores = remote.score(MinerRanking.rank(brain.candidates(), brain.model(), TIMEOUT, progress()), up, patients.size());
            double scoring = (System.nanoTime() - s0) / 1e9;
            String csv = new Predictions(scores).toCsv();
            if (outFile != null) {
                write(outFile, csv);
            } else {
                out().print(csv);
                out().flush();
            }
            summary.printf("predictions for %d records%s; %,d bytes up (records), %,d down (scores)%n", scores.length,
                    outFile != null ? " written to " + outFile : "", clinic.bytesUp(), clinic.bytesDown());
            summary.printf("the miner round: %.2f s with the key upload, %,.0f records/s end to end%n", scoring, scores.length / scoring);
            if (patients.labelled()) {
                Metrics metrics = Metrics.of(scores, patients.labels());
                summary.printf("accuracy %.4f, AUC %.4f against the file's diagnosis column (%d records)%n", metrics.accuracy(), metrics.auc(),
                        metrics.records());
            }
            summary.printf("paid %d compute units at %s BASED each, by signed receipts the miners redeem%n", remote.unitsPaid(), Pepe.format(payer.price()));
            summary.flush();
        }
    }

    /** Written whole or not at all: a half-written predictions file would pass for a complete one. */
    private static void write(Path file, String csv) throws java.io.IOException {
        Path absolute = file.toAbsolutePath();
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(tmp, csv, StandardCharsets.UTF_8);
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
