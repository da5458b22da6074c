package ai.based.cli;

import ai.based.fhe.zkllm.diagnosis.DiagnosisSplit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The second kind of Brain in the demo (whitepaper §6.1): the owner configures the staked Brain for encrypted
 * diagnosis, a miner process serves the diagnosis model, and a clinic (the demo wallet) sends the held-out patient
 * records encrypted with `based diagnose`, pays per ciphertext, and gets the predictions, accuracy and throughput.
 */
final class DiagnosisDemo {
    private static final Pattern SERVING = Pattern.compile("serving Brain #\\d+ \\((\\S+)\\) at (https://\\S+), certificate sha256 ([0-9a-f]{64})");

    private final Path home;
    private final PrintWriter out;

    DiagnosisDemo(Path home, PrintWriter out) {
        this.home = home;
        this.out = out;
    }

    /** Returns 0 when every step went through, else the exit code of the step that failed. */
    int run(long brainId, String owner, Path ownerPassword, String minerWallet, Path minerPassword) throws Exception {
        String brain = Long.toString(brainId);
        PrintWriter indented = MinerDemo.indented(out);
        for (String[] step : List.of(new String[] {"brain", "sync", brain}, new String[] {"bridge", "relay"},
                new String[] {"brain", "configure", brain, "--name", "Clinic", "--model", "diagnosis", "--source", "https://archive.ics.uci.edu/dataset/17",
                    "--wallet", owner, "--password-file", ownerPassword.toString()})) {
            int code = based(indented, step);
            if (code != 0) return code;
        }
        Path dir = home.resolve("demo");
        try (WorkerProcess miner = WorkerProcess.start(List.of("-Xmx1g"), List.of("miner", "start", "--brain", brain, "--wallet", minerWallet,
                "--password-file", minerPassword.toString(), "--home", home.toString()), dir.resolve("diagnosis-miner.log"), SERVING,
                Duration.ofMinutes(3))) {
            out.println("      diagnosis miner process " + miner.pid() + " serves " + miner.ready(1) + " at " + miner.ready(2));
            out.flush();
            Path records = Files.writeString(dir.resolve("held-out-records.csv"), DiagnosisSplit.standard().heldOut().toCsv());
            int code = based(indented, "diagnose", "--brain", brain, "--records", records.toString(), "--out", dir.resolve("predictions.csv").toString(),
                    "--wallet", owner, "--password-file", ownerPassword.toString());
            miner.stop(Duration.ofSeconds(60));
            return code;
        }
    }

    private int based(PrintWriter indented, String... args) {
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        return BasedCommand.run(withHome, indented, indented);
    }
}
