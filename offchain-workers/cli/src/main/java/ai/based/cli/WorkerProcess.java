package ai.based.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code based} command run as a process of its own (a miner, a validator), with this JVM's java, flags and class
 * path: the demo and the tests start workers as a user would, and can stop them with SIGTERM or kill them outright.
 * Its output goes to a log file, which is read to learn when it is ready.
 */
public final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Matcher ready;

    private int awaited;

    private WorkerProcess(Process process, Path log, Matcher ready) {
        this.process = process;
        this.log = log;
        this.ready = ready;
        this.awaited = ready.end();
    }

    /**
     * Starts {@code based args} and waits until its output has a line matching {@code readyLine}, or fails with the
     * output so far when the process ends or the timeout passes first.
     */
    public static WorkerProcess start(List<String> args, Path log, Pattern readyLine, Duration timeout) throws IOException, InterruptedException {
        return start(List.of(), args, log, readyLine, timeout);
    }

    /** As {@link #start(List, Path, Pattern, Duration)}, with extra JVM flags (a heap size) after this JVM's own. */
    public static WorkerProcess start(List<String> jvmFlags, List<String> args, Path log, Pattern readyLine, Duration timeout)
            throws IOException, InterruptedException {
        return launch(jvmFlags, args, log).awaitReady(readyLine, timeout);
    }

    /**
     * Starts {@code based args} without waiting for it: several workers started first and awaited after start up side
     * by side (a JVM's start is mostly waiting on one core).
     */
    public static Launched launch(List<String> jvmFlags, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // an AOT cache belongs to the command it was trained on; debug agents would clash on their ports
            if (!flag.startsWith("-XX:AOT") && !flag.startsWith("-agentlib") && !flag.startsWith("-javaagent")) command.add(flag);
        }
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BasedCommand.class.getName()));
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Launched(process, log, "'based " + String.join(" ", args) + "'");
    }

    /** A worker process started by {@link #launch} and not yet known to be ready. */
    public static final class Launched {
        private final Process process;
        private final Path log;
        private final String what;

        private Launched(Process process, Path log, String what) {
            this.process = process;
            this.log = log;
            this.what = what;
        }

        /**
         * Waits until its output has a line matching {@code readyLine}; fails with the output so far, the process
         * killed, when it ends or the timeout passes first.
         */
        public WorkerProcess awaitReady(Pattern readyLine, Duration timeout) throws IOException, InterruptedException {
            try {
                return new WorkerProcess(process, log, awaitLine(process, log, readyLine, timeout, what, 0));
            } catch (IOException | InterruptedException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        /** Kills it and waits for its end (a sibling failed to start: nobody will wait for this one). */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits until the output, from character {@code from} on, has a line matching {@code line}; fails with the output so
     * far when the process ends or the timeout passes first.
     */
    private static Matcher awaitLine(Process process, Path log, Pattern line, Duration timeout, String what, int from)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = line.matcher(Files.readString(log));
            if (matcher.find(from)) return matcher;
            if (!process.isAlive()) throw new IOException(what + " ended with exit code " + process.exitValue() + ":\n" + Files.readString(log));
            Thread.sleep(100);
        }
        throw new IOException(what + " did not print a line matching '" + line + "' within " + timeout.toSeconds() + " s:\n" + Files.readString(log));
    }

    /** Waits for the next line (after the ready line and any line awaited before) that matches {@code line}. */
    public Matcher await(Pattern line, Duration timeout) throws IOException, InterruptedException {
        Matcher matcher = awaitLine(process, log, line, timeout, "process " + process.pid(), awaited);
        awaited = matcher.end();
        return matcher;
    }

    /** A group of the line that said the process was ready. */
    public String ready(int group) {
        return ready.group(group);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** As kill -9: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the service to stop; its exit code, or empty when it had to be killed. */
    public Optional<Integer> stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) return Optional.of(process.exitValue());
        kill();
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop(Duration.ofSeconds(30));
    }
}
