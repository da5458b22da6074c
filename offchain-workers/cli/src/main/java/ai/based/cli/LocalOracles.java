package ai.based.cli;

import ai.based.client.BasedHome;
import ai.based.client.BasedSession;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.wallet.WalletException;
import ai.based.client.wallet.WalletStore;
import ai.based.oracle.EpochRewardsFile;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * The devnet's three oracle signers as processes of their own ({@code based oracle start}), for the demo and the
 * tests: each gets a keystore wallet made from one of the devnet's oracle test keys ({@link DevnetKeys#oracleQuorum},
 * with a random password kept in {@code <home>/oracle/<name>.password}, mode 600), its own port, and the other two as
 * peers. They post every epoch that closes while they run; {@link #await} waits until one is posted.
 */
public final class LocalOracles implements AutoCloseable {
    /** The line a signer prints once it serves: its address and base URL. */
    public static final Pattern READY = Pattern.compile("oracle signer (0x[0-9a-f]{40}) serving (http://\\S+?)/v1/epochs");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POST_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PASS = Duration.ofMillis(250);
    private static final Duration FAILOVER = Duration.ofSeconds(10);

    private final BasedHome home;
    private final List<WorkerProcess> signers = new ArrayList<>();

    public LocalOracles(BasedHome home, Consumer<String> progress) throws Exception {
        this.home = home;
        NetworkOptions devnet = new NetworkOptions();
        devnet.network = NetworkOptions.DEVNET;
        List<Credentials> keys = DevnetKeys.oracleQuorum(devnet);
        Path dir = Files.createDirectories(home.root().resolve("oracle"));
        WalletStore wallets = new WalletStore(home.wallets(), WalletStore.Kdf.LIGHT);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) ports.add(freePort());
        // all three launched before any is awaited: their JVMs start side by side
        List<WorkerProcess.Launched> launched = new ArrayList<>();
        try {
            for (int i = 0; i < keys.size(); i++) {
                String name = "oracle-" + i;
                Path password = wallet(wallets, name, keys.get(i), dir);
                List<String> peers = new ArrayList<>();
                for (int j = 0; j < ports.size(); j++) if (j != i) peers.add("http://127.0.0.1:" + ports.get(j));
                launched.add(WorkerProcess.launch(List.of("-Xmx384m"), List.of("oracle", "start", "--wallet", name,
                        "--password-file", password.toString(), "--peers", String.join(",", peers), "--port", ports.get(i).toString(),
                        "--interval-ms", Long.toString(PASS.toMillis()), "--failover-s", Long.toString(FAILOVER.toSeconds()),
                        "--network", NetworkOptions.DEVNET, "--home", home.root().toString()), dir.resolve(name + ".log")));
            }
            for (int i = 0; i < launched.size(); i++) {
                WorkerProcess signer = launched.get(i).awaitReady(READY, START_TIMEOUT);
                signers.add(signer);
                progress.accept("oracle signer " + i + " (" + signer.ready(1) + ") is process " + signer.pid() + " at " + signer.ready(2)
                        + "; log " + signer.log());
            }
        } catch (Exception | Error e) {
            // a signer that failed to start must not leave the others running with nobody to stop them
            for (int i = signers.size(); i < launched.size(); i++) launched.get(i).kill();
            close();
            throw e;
        }
    }

    /** The signers' processes, in the order of the devnet's oracle keys. */
    public List<WorkerProcess> processes() {
        return List.copyOf(signers);
    }

    /**
     * Waits until epoch {@code epoch} is posted and its rewards file is in {@link #rewardsDir} for claims; it must close
     * meanwhile (on an automining devnet, mine it closed first).
     */
    public void await(long epoch) throws Exception {
        try (BasedSession session = BasedSession.open(new ManifestStore(home.deployments()).require(NetworkOptions.DEVNET))) {
            var emission = session.emission(session.reader());
            long deadline = System.nanoTime() + POST_TIMEOUT.toNanos();
            while (emission.nextEpoch().send().compareTo(BigInteger.valueOf(epoch)) <= 0
                    || !Files.exists(EpochRewardsFile.path(rewardsDir(), epoch))) {
                if (System.nanoTime() > deadline) {
                    StringBuilder logs = new StringBuilder();
                    for (WorkerProcess signer : signers) logs.append("\n--- ").append(signer.log()).append('\n').append(tail(signer.log()));
                    throw new IllegalStateException("the oracle signers did not post epoch " + epoch + " within " + POST_TIMEOUT.toSeconds()
                            + " s with its rewards in " + rewardsDir() + " (current epoch " + emission.currentEpoch().send()
                            + ", next to post " + emission.nextEpoch().send() + ")" + logs);
                }
                for (WorkerProcess signer : signers) {
                    if (!signer.alive() && signers.stream().filter(WorkerProcess::alive).count() < 2) {
                        throw new IllegalStateException("fewer than two oracle signers are running; see " + signer.log());
                    }
                }
                Thread.sleep(PASS.toMillis());
            }
        }
    }

    /** Where the signers write each posted epoch's rewards: {@code <home>/epochs/devnet}, where claims read them. */
    public Path rewardsDir() {
        return home.root().resolve("epochs").resolve(NetworkOptions.DEVNET);
    }

    private static Path wallet(WalletStore wallets, String name, Credentials key, Path dir) throws IOException {
        Path password = dir.resolve(name + ".password");
        boolean exists = wallets.list().stream().anyMatch(w -> w.name().equals(name));
        if (exists) {
            if (!Files.exists(password)) {
                throw new WalletException(WalletException.Reason.EXISTS, "wallet '" + name + "' exists but was not made for the local "
                        + "oracle signers (no " + password + "); remove it or use another home");
            }
            if (!wallets.get(name).address().equalsIgnoreCase(key.getAddress())) {
                throw new WalletException(WalletException.Reason.EXISTS, "wallet '" + name + "' holds " + wallets.get(name).address()
                        + ", not the devnet oracle key " + key.getAddress());
            }
            return password;
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Files.writeString(password, Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        wallets.importPrivateKey(name, Numeric.toHexStringWithPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64),
                Files.readString(password).strip());
        return password;
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4_000 ? text.substring(text.length() - 4_000) : text;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (WorkerProcess signer : signers) signer.close();
    }
}
