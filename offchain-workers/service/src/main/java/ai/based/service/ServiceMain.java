package ai.based.service;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a service as the process's main job: SIGTERM (and Ctrl-C) stop it gracefully through a shutdown hook, and the
 * caller returns when the service ends, or gets the reason it gave up.
 */
public final class ServiceMain {
    private ServiceMain() {}

    public static void runUntilStopped(Service service, Duration stopTimeout) throws Exception {
        Thread hook = new Thread(() -> {
            try {
                service.stop().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                System.err.println(service.name() + " did not stop within " + stopTimeout.toSeconds() + " s: " + e);
            }
        }, service.name() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            service.terminated().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already running the hook: it stops the service
            }
        }
    }
}
