package ai.based.cli.portal;

import ai.based.cli.WorkerProcess;
import ai.based.client.BasedHome;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The portal as a background process that outlives the command that started it, as the devnets do: recorded in
 * {@code <home>/portal/portal.json} (pid, port, URL), reused while it runs, stopped by {@code based portal stop} and
 * {@code based devnet down}.
 */
public final class BackgroundPortal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READY = Pattern.compile("Portal: (http://\\S+/)");
    /** the portal serves a page and relays JSON-RPC: a small heap is plenty, beside the devnets and miners */
    private static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-XX:MaxRAMPercentage=5");

    /** What {@code portal.json} records. */
    public record Running(long pid, int port, String url, String network) {}

    private final BasedHome home;

    public BackgroundPortal(BasedHome home) {
        this.home = home;
    }

    Path dir() {
        return home.root().resolve("portal");
    }

    Path record() {
        return dir().resolve("portal.json");
    }

    public Path log() {
        return dir().resolve("portal.log");
    }

    /** The recorded portal while its process lives; a record left by a process that ended is removed. */
    public Optional<Running> running() throws IOException {
        if (!Files.exists(record())) return Optional.empty();
        Running recorded;
        try {
            recorded = JSON.readValue(record().toFile(), Running.class);
        } catch (IOException e) {
            Files.deleteIfExists(record());
            return Optional.empty();
        }
        if (process(recorded).isPresent()) return Optional.of(recorded);
        Files.deleteIfExists(record());
        return Optional.empty();
    }

    /** The running portal, or a new one for {@code network} started in the background (its output in portal.log). */
    public Running ensure(String network, Consumer<String> progress) throws IOException, InterruptedException {
        Optional<Running> running = running();
        if (running.isPresent() && running.get().network().equals(network)) {
            progress.accept("the portal is already running at " + running.get().url() + " (pid " + running.get().pid() + ")");
            return running.get();
        }
        if (running.isPresent()) stop(progress);
        Files.createDirectories(dir());
        WorkerProcess process = WorkerProcess.start(JVM_FLAGS, List.of("portal", "--home", home.root().toAbsolutePath().toString(), "--network", network),
                log(), READY, Duration.ofSeconds(60));
        String url = process.ready(1);
        Running started = new Running(process.pid(), java.net.URI.create(url).getPort(), url, network);
        Path partial = Files.createTempFile(dir(), "portal", ".tmp");
        JSON.writeValue(partial.toFile(), started);
        Files.move(partial, record(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        progress.accept("the portal runs in the background at " + url + " (pid " + started.pid() + ", log " + log() + ")");
        return started;
    }

    /** Stops the recorded portal (SIGTERM, then a kill after 10 s); false when none was running. */
    public boolean stop(Consumer<String> progress) throws IOException, InterruptedException {
        Optional<Running> running = running();
        if (running.isEmpty()) return false;
        Optional<ProcessHandle> process = process(running.get());
        if (process.isPresent()) {
            process.get().destroy();
            try {
                process.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                process.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(record());
        progress.accept("stopped the portal at " + running.get().url() + " (pid " + running.get().pid() + ")");
        return true;
    }

    /**
     * The recorded process, only if it is still a portal of this home: a pid reused by another program after a reboot
     * is never signalled.
     */
    private Optional<ProcessHandle> process(Running recorded) {
        String homeArg = home.root().toAbsolutePath().toString();
        return ProcessHandle.of(recorded.pid()).filter(ProcessHandle::isAlive).filter(handle -> {
            List<String> args = arguments(handle);
            return args.contains("portal") && args.contains(homeArg);
        });
    }

    /**
     * The process's command line. Linux's /proc has all of it; the JDK's ProcessHandle.Info gives none for a command
     * line as long as a worker's (its class path), so it is only the fallback elsewhere.
     */
    private static List<String> arguments(ProcessHandle handle) {
        Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) return List.of(Files.readString(cmdline, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            // gone meanwhile
        }
        return handle.info().arguments().map(List::of).orElse(List.of());
    }
}
