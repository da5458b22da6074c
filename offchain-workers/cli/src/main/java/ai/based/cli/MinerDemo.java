package ai.based.cli;

import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.manifest.Manifest;
import ai.based.client.market.ChannelState;
import ai.based.client.market.ComputeMarketClient;
import ai.based.client.market.SpendingAccount;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;

/**
 * The encrypted-query part of the demo: the user funds a spending account, a miner process serves the Brain over
 * HTTPS (found on chain by its announcement), `based query` sends the encrypted prompt to it and pays each token
 * with a signed receipt, and the miner, stopped, redeems the receipt on chain.
 */
final class MinerDemo {
    static final String PROMPT = "In the beginning God created";
    private static final Pattern SERVING = Pattern.compile("serving Brain #\\d+ \\((\\S+)\\) at (https://\\S+), certificate sha256 ([0-9a-f]{64})");
    private static final BigInteger DEPOSIT = Pepe.units(1);
    private static final int TOKENS = 2;

    private final Path home;
    private final Manifest manifest;
    private final PrintWriter out;
    private final Consumer<String> progress;

    MinerDemo(Path home, Manifest manifest, PrintWriter out, Consumer<String> progress) {
        this.home = home;
        this.manifest = manifest;
        this.out = out;
        this.progress = progress;
    }

    /** What runs while the miner still serves, after the query (the validator's part of the demo). */
    @FunctionalInterface
    interface WhileServing {
        void run() throws Exception;
    }

    /** Returns the exit code of the query (0 when the encrypted generation and its payment went through). */
    int run(long brainId, String minerWallet, Path minerPassword, Credentials minerKey, Credentials user, String userWallet, Path userPassword,
            WhileServing whileServing) throws Exception {
        try (BasedSession based = BasedSession.open(manifest)) {
            ComputeMarketClient market = new ComputeMarketClient(based);
            SpendingAccount account = market.deposit(user, DEPOSIT);
            out.println("      deposited " + Pepe.format(DEPOSIT) + " BASED into " + userWallet + "'s spending account (" + Pepe.format(account.available())
                    + " available); a compute unit (one encrypted token pass) costs " + Pepe.format(market.price(brainId)) + " BASED");
            try (WorkerProcess miner = WorkerProcess.start(List.of("miner", "start", "--brain", Long.toString(brainId), "--wallet", minerWallet,
                    "--password-file", minerPassword.toString(), "--home", home.toString()), home.resolve("demo").resolve("miner.log"), SERVING,
                    Duration.ofMinutes(5))) {
                out.println("      miner process " + miner.pid() + " serves " + miner.ready(1) + " at " + miner.ready(2) + " (certificate "
                        + miner.ready(3).substring(0, 16) + "..., announced on chain; log " + miner.log() + ")");
                out.flush();
                Path prompt = Files.writeString(home.resolve("demo").resolve("prompt.txt"), PROMPT);
                int code = BasedCommand.run(new String[] {"query", "--brain", Long.toString(brainId), "--wallet", userWallet, "--password-file",
                    userPassword.toString(), "--prompt-file", prompt.toString(), "--tokens", Integer.toString(TOKENS), "--home", home.toString()},
                        indented(out), indented(out));
                if (code == 0) whileServing.run();
                miner.stop(Duration.ofSeconds(60));
                ChannelState redeemed = market.redeemed(user.getAddress(), minerKey.getAddress(), brainId);
                out.println("      the miner stopped and redeemed the user's receipt: " + redeemed.units() + " compute units, "
                        + Pepe.format(redeemed.amount()) + " BASED paid from the spending account");
                return code;
            }
        }
    }

    static PrintWriter indented(PrintWriter out) {
        return new PrintWriter(new java.io.Writer() {
            private boolean lineStart = true;

            @Override
            public void write(char[] buffer, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (lineStart) out.print("      ");
                    out.print(buffer[i]);
                    lineStart = buffer[i] == '\n';
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        }, true);
    }
}
