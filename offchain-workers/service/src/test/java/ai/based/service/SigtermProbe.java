package ai.based.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A service run as a process's main job, for {@link ServiceMainTest}: {@code <marker file>}. */
public final class SigtermProbe {
    private SigtermProbe() {}

    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[0]);
        Worker worker = new Worker() {
            @Override
            public void pass() {}

            @Override
            public void close() throws Exception {
                Files.writeString(marker, "closed after a graceful stop");
            }
        };
        PeriodicService service = new PeriodicService("probe", worker,
                new FailurePolicy(Duration.ofMillis(20), Duration.ofMillis(20), 3), System.out::println);
        service.start().get();
        System.out.println("running");
        System.out.flush();
        ServiceMain.runUntilStopped(service, Duration.ofSeconds(10));
    }
}
