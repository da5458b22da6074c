package ai.based.cli.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.cli.BasedCommand;
import ai.based.client.BasedHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The portal the demo leaves running: a real background process, recorded under the home, reused while it runs,
 * stopped by 'based portal stop' (and a stale record from a dead process is dropped, never signalled).
 */
class BackgroundPortalTest {

    @Test
    void startsOnceIsReusedAndStops() throws Exception {
        Path home = Files.createTempDirectory("based-portal-");
        BackgroundPortal portal = new BackgroundPortal(new BasedHome(home));
        List<String> progress = new ArrayList<>();
        BackgroundPortal.Running started = portal.ensure("devnet", progress::add);
        try {
            assertThat(started.url()).matches("http://127\\.0\\.0\\.1:\\d+/");
            assertThat(get(started.url() + "health")).contains("\"RUNNING\"");
            // no deployment yet: the page is told what to run
            assertThat(get(started.url() + "v1/manifest")).contains("run 'based deploy'");
            assertThat(Files.readString(home.resolve("portal/portal.json"))).contains("\"pid\":" + started.pid());

            assertThat(portal.ensure("devnet", progress::add)).isEqualTo(started);
            assertThat(progress.getLast()).contains("already running at " + started.url());

            StringWriter out = new StringWriter();
            int code = BasedCommand.run(new String[] {"portal", "stop", "--home", home.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
            assertThat(code).isZero();
            assertThat(out.toString()).contains("stopped the portal at " + started.url());
            assertThat(ProcessHandle.of(started.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThatThrownBy(() -> get(started.url() + "health")).isInstanceOf(IOException.class);
            assertThat(portal.running()).isEmpty();
            assertThat(portal.stop(progress::add)).as("nothing left to stop").isFalse();
        } finally {
            ProcessHandle.of(started.pid()).ifPresent(ProcessHandle::destroyForcibly);
            portal.stop(line -> {});
        }
    }

    @Test
    void devnetDownStopsThePortalToo() throws Exception {
        Path home = Files.createTempDirectory("based-portal-");
        BackgroundPortal portal = new BackgroundPortal(new BasedHome(home));
        BackgroundPortal.Running started = portal.ensure("devnet", line -> {});
        try {
            StringWriter out = new StringWriter();
            int code = BasedCommand.run(new String[] {"devnet", "down", "--home", home.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
            assertThat(code).isZero();
            assertThat(out.toString()).contains("stopped the portal at " + started.url(), "no devnet was running");
            assertThat(ProcessHandle.of(started.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            ProcessHandle.of(started.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aRecordOfAnotherProcessIsDroppedNotSignalled() throws Exception {
        Path home = Files.createTempDirectory("based-portal-");
        Files.createDirectories(home.resolve("portal"));
        // this test's own JVM: alive, but not a portal of that home
        Files.writeString(home.resolve("portal/portal.json"), "{\"pid\":" + ProcessHandle.current().pid()
                + ",\"port\":1,\"url\":\"http://127.0.0.1:1/\",\"network\":\"devnet\"}");
        BackgroundPortal portal = new BackgroundPortal(new BasedHome(home));
        assertThat(portal.running()).isEmpty();
        assertThat(home.resolve("portal/portal.json")).doesNotExist();
        assertThat(portal.stop(line -> {})).isFalse();
    }

    private static String get(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
