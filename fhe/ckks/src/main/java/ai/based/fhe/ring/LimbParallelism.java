package ai.based.fhe.ring;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * Runs independent per-limb (per-prime or per-digit) work either inline or on an executor the caller sizes.
 * Inline is the default, so single-threaded benchmarks stay single-threaded.
 */
public final class LimbParallelism {
    public static final LimbParallelism INLINE = new LimbParallelism(null);

    private final Executor executor;

    private LimbParallelism(Executor executor) {
        this.executor = executor;
    }

    public static LimbParallelism on(Executor executor) {
        return new LimbParallelism(executor);
    }

    /** body(0..count-1), possibly concurrently; returns when all are done, rethrowing the first failure. */
    public void forEach(int count, IntConsumer body) {
        if (executor == null || count < 2) {
            for (int i = 0; i < count; i++) body.accept(i);
            return;
        }
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[count - 1];
        for (int i = 1; i < count; i++) {
            int index = i;
            tasks[i - 1] = CompletableFuture.runAsync(() -> body.accept(index), executor);
        }
        body.accept(0);
        try {
            CompletableFuture.allOf(tasks).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw e;
        }
    }
}
