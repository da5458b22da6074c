package ai.based.cli.bench;

import ai.based.cli.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.reflect.InvocationTargetException;

/**
 * The GPU backend's micro-bench (the gpu module's GpuBench, reached by name: the CLI has that module on its runtime
 * classpath only, DESIGN.md §3): N = 16384 multiply + relinearise, rotate, rescale and hoisted rotations on the
 * CPU backend and on device-resident data side by side, and the batched NTT per (polynomial, prime).
 */
@Command(name = "ckks-gpu", description = "CKKS on the GPU (device-resident) against the CPU backend, N=16384.")
public final class BenchCkksGpuCommand extends BaseCommand {
    @Option(names = "--runs", defaultValue = "20")
    int runs;

    @Override
    protected void run() {
        out().println(MachineLoad.describe());
        out().flush();
        try {
            Class.forName("ai.based.gpu.GpuBench").getMethod("main", String[].class).invoke(null, (Object) new String[] {Integer.toString(runs)});
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the gpu module is not on the classpath: build the CLI with it (offchain-workers/cli's runtime dependency)", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
