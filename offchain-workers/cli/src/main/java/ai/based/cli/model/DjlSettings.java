package ai.based.cli.model;

/** DESIGN.md §4: DJL runs offline with the PyTorch engine pinned; set before any DJL class initialises. */
public final class DjlSettings {
    private DjlSettings() {}

    public static void apply(int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.default_engine", "PyTorch");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        // DJL probes for CUDA and warns when there is none; the CPU is the expected case here
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
    }
}
