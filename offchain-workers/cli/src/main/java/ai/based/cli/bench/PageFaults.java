package ai.based.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's minor page faults so far (Linux, /proc/self/stat): each is the first touch of a 4 KB page the JVM got
 * from the kernel, which costs 2-12 µs on a virtual machine, so a figure timed while they happen measures the heap's
 * growth rather than the operation.
 */
final class PageFaults {
    private static final Path STAT = Path.of("/proc/self/stat");

    private PageFaults() {}

    /** The count so far, or -1 where the system does not say. */
    static long minor() {
        try {
            String stat = Files.readString(STAT);
            // fields after the command name (which may hold spaces) start after the last ')': state is field 3, minflt 10
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
