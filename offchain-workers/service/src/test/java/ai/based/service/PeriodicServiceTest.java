package ai.based.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicServiceTest {
    private static final FailurePolicy FAST = new FailurePolicy(Duration.ofMillis(5), Duration.ofMillis(40), 5);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private PeriodicService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) service.stop().get(10, TimeUnit.SECONDS);
    }

    /** Counts passes; fails the passes whose numbers are listed; records its close. */
    static final class CountingWorker implements Worker {
        final AtomicInteger passes = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        volatile boolean failing;

        @Override
        public void pass() throws IOException {
            passes.incrementAndGet();
            if (failing) throw new IOException("node down");
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void runsPassesUntilStoppedAndStopIsIdempotent() throws Exception {
        CountingWorker worker = new CountingWorker();
        service = new PeriodicService("counter", worker, FAST, log::add);
        service.start().get(5, TimeUnit.SECONDS);
        awaitPasses(worker, 3);
        var first = service.stop();
        var second = service.stop();
        assertThat(second).as("a second stop returns the same future").isSameAs(first);
        first.get(5, TimeUnit.SECONDS);
        int after = worker.passes.get();
        Thread.sleep(50);
        assertThat(worker.passes.get()).as("no pass after stop").isEqualTo(after);
        assertThat(worker.closes.get()).as("the worker is closed exactly once").isEqualTo(1);
        assertThat(service.state()).isEqualTo(Service.State.STOPPED);
        assertThat(service.terminated()).isCompleted();
        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
    }

    /** A pass that waits on a party outside the process until the service cancels it, as a validator's waits on a miner. */
    static final class WaitingWorker implements Worker {
        final CountDownLatch inPass = new CountDownLatch(1);
        final CountDownLatch answered = new CountDownLatch(1);
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public void pass() throws InterruptedException {
            inPass.countDown();
            answered.await();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
            answered.countDown();
        }
    }

    @Test
    void stopCancelsThePassInProgressOnceInsteadOfWaitingItOut() throws Exception {
        WaitingWorker worker = new WaitingWorker();
        service = new PeriodicService("waiting", worker, FAST, log::add);
        service.start().get(5, TimeUnit.SECONDS);
        assertThat(worker.inPass.await(5, TimeUnit.SECONDS)).isTrue();
        service.stop().get(5, TimeUnit.SECONDS); // the pass would wait forever if stop only waited for it
        service.stop().get(1, TimeUnit.SECONDS);
        assertThat(worker.cancels.get()).as("cancelled once, by the first stop").isEqualTo(1);
        assertThat(service.health().passes()).as("the cancelled pass ends the loop").isEqualTo(1);
        assertThat(service.state()).isEqualTo(Service.State.STOPPED);
    }

    @Test
    void aWorkerWhoseCancelThrowsStillStopsAfterItsPass() throws Exception {
        CountingWorker counting = new CountingWorker();
        Worker broken = new Worker() {
            @Override
            public void pass() throws IOException {
                counting.pass();
            }

            @Override
            public void cancel() {
                throw new IllegalStateException("cancel blew up");
            }
        };
        service = new PeriodicService("broken-cancel", broken, FAST, log::add);
        service.start().get(5, TimeUnit.SECONDS);
        awaitPasses(counting, 1);
        service.stop().get(5, TimeUnit.SECONDS);
        assertThat(service.state()).isEqualTo(Service.State.STOPPED);
        assertThat(log).anyMatch(line -> line.contains("cancel blew up"));
    }

    @Test
    void stopBeforeStartClosesTheWorker() throws Exception {
        CountingWorker worker = new CountingWorker();
        service = new PeriodicService("idle", worker, FAST, log::add);
        service.stop().get(1, TimeUnit.SECONDS);
        assertThat(worker.passes.get()).isZero();
        assertThat(worker.closes.get()).isEqualTo(1);
        assertThat(service.state()).isEqualTo(Service.State.STOPPED);
    }

    @Test
    void failedPassesBackOffRecoverAndAreReportedByHealth() throws Exception {
        CountingWorker worker = new CountingWorker();
        worker.failing = true;
        service = new PeriodicService("flaky", worker, new FailurePolicy(Duration.ofMillis(5), Duration.ofMillis(40), 1000), log::add)
                .serveHttp("127.0.0.1", 0, HttpRoutes.NONE);
        service.start().get(5, TimeUnit.SECONDS);
        awaitPasses(worker, 3);
        var unhealthy = get("/health");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.body()).contains("node down").contains("\"state\":\"RUNNING\"");
        assertThat(log).anyMatch(line -> line.contains("pass failed") && line.contains("node down"));
        worker.failing = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (service.health().consecutiveFailures() > 0 && System.nanoTime() < deadline) Thread.sleep(5);
        var healthy = get("/health");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).contains("\"consecutiveFailures\":0");
    }

    @Test
    void givesUpAfterTooManyFailuresInARowWithTheReason() throws Exception {
        CountingWorker worker = new CountingWorker();
        worker.failing = true;
        service = new PeriodicService("doomed", worker, FAST, log::add);
        service.start().get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> service.terminated().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ServiceGaveUpException.class)
                .hasMessageContaining("5 failed passes in a row").hasMessageContaining("node down");
        assertThat(worker.passes.get()).isEqualTo(5);
        assertThat(worker.closes.get()).isEqualTo(1);
        assertThat(service.state()).isEqualTo(Service.State.FAILED);
        service.stop().get(1, TimeUnit.SECONDS); // stopping a failed service is harmless
    }

    @Test
    void aWorkerWhoseCloseThrowsAnErrorStillLetsTheServiceTerminate() throws Exception {
        Worker broken = new Worker() {
            @Override
            public void pass() {}

            @Override
            public void close() {
                throw new AssertionError("close blew up");
            }
        };
        service = new PeriodicService("broken-close", broken, FAST, log::add);
        service.start().get(5, TimeUnit.SECONDS);
        service.stop().get(5, TimeUnit.SECONDS);
        assertThat(service.terminated()).isCompleted();
        assertThat(service.state()).isEqualTo(Service.State.STOPPED);
        assertThat(log).anyMatch(line -> line.contains("close blew up"));
    }

    @Test
    void backoffDoublesUpToTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(backoff.delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 100; i++) backoff.next();
        assertThat(backoff.delay()).as("no overflow after many failures").isEqualTo(Duration.ofSeconds(1));
        backoff.reset();
        assertThat(backoff.delay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void badPoliciesAreRefused() {
        assertThatThrownBy(() -> new FailurePolicy(Duration.ZERO, Duration.ofSeconds(1), 3)).hasMessageContaining("interval");
        assertThatThrownBy(() -> new FailurePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3)).hasMessageContaining("ceiling");
        assertThatThrownBy(() -> new FailurePolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).hasMessageContaining("max");
    }

    @Test
    void aPortInUseFailsTheStartWithTheAddress() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CountingWorker worker = new CountingWorker();
            service = new PeriodicService("clash", worker, FAST, log::add).serveHttp("127.0.0.1", taken.getLocalPort(), HttpRoutes.NONE);
            assertThatThrownBy(() -> service.start().get(10, TimeUnit.SECONDS)).hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(service.state()).isEqualTo(Service.State.FAILED);
            assertThat(worker.passes.get()).isZero();
            assertThat(worker.closes.get()).isEqualTo(1);
        }
    }

    private void awaitPasses(CountingWorker worker, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (worker.passes.get() < count && System.nanoTime() < deadline) Thread.sleep(2);
        assertThat(worker.passes.get()).isGreaterThanOrEqualTo(count);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
