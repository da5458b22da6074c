package ai.based.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line about the machine a benchmark ran on, so that figures from shared machines can be judged. */
public final class MachineLoad {
    private MachineLoad() {}

    public static String describe() {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            load = fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            load = "unknown";
        }
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + load
                + ", java " + Runtime.version();
    }
}
