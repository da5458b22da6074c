package ai.based.relayer;

import ai.based.service.HttpEndpoint;
import ai.based.service.PeriodicService;
import ai.based.service.Service;
import io.vertx.core.json.JsonObject;

/**
 * A relayer whose routes are served over HTTP like its service's, but whose passes the test runs itself, one at a
 * time, so that outages and takeovers happen exactly where the test puts them. Closing it takes the relayer down:
 * its HTTP endpoint and its store.
 */
final class SteppedRelayer implements AutoCloseable {
    private final RelayerService relayer;
    private final HttpEndpoint http;

    private SteppedRelayer(RelayerService relayer, HttpEndpoint http) {
        this.relayer = relayer;
        this.http = http;
    }

    static SteppedRelayer serve(RelayerService relayer, int port) throws Exception {
        var health = new PeriodicService.Health("test-relayer", Service.State.RUNNING, 0, 0, "");
        return new SteppedRelayer(relayer, HttpEndpoint.start("127.0.0.1", port, () -> health, relayer::metrics, relayer.routes()));
    }

    int step() throws Exception {
        return relayer.step();
    }

    JsonObject metricsJson() {
        return relayer.metricsJson();
    }

    @Override
    public void close() {
        http.close();
        relayer.close();
    }
}
