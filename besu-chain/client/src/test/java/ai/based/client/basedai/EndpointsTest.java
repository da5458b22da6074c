package ai.based.client.basedai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which endpoints a miner may announce and a client will try. */
class EndpointsTest {
    @Test
    void acceptsHttpsUrlsWithAHostUpTo256Bytes() {
        assertThat(Endpoints.problem("https://miner.example:8443")).isEmpty();
        assertThat(Endpoints.problem("https://10.0.0.7:8443/brain/7")).isEmpty();
        assertThat(Endpoints.problem("https://[::1]:8443")).isEmpty();
        String longest = "https://m.example/" + "a".repeat(256 - 18);
        assertThat(Endpoints.problem(longest)).isEmpty();
        assertThat(Endpoints.problem(longest + "a")).hasValueSatisfying(p -> assertThat(p).contains("257 bytes"));
    }

    @Test
    void refusesEverythingElseWithAReason() {
        for (String bad : new String[] {null, "", "http://miner.example", "miner.example:8443", "file:///etc/passwd",
                "https://", "https://user:pw@miner.example", "https://miner.example/?x=1", "https://miner.example/#f",
                "https://miner example"}) {
            assertThat(Endpoints.problem(bad)).as(String.valueOf(bad)).isPresent();
        }
    }
}
