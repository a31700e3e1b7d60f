package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** The monitoring endpoints over real HTTP. */
class ActuatorEndToEndTest extends ServerTestSupport {

    @LocalManagementPort
    int httpPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthInfoAndMetricsAnswer() throws Exception {
        assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/info")).contains("im/1");
        assertThat(get("/actuator/metrics")).contains("im.connections", "im.sessions", "im.online.users");
    }

    @Test
    void springIntegrationTimesNoMessage() throws Exception {
        try (TestClient alice = TestClient.connect(port); TestClient bob = TestClient.connect(port)) {
            alice.registerAndLogin("untimed");
            alice.command("SEND " + bob.registerAndLogin("untimed") + " through both adapters");
        }
        // Its captor would have registered spring.integration.* meters for every channel and handler.
        assertThat(get("/actuator/metrics")).contains("im.command").doesNotContain("spring.integration");
    }

    @Test
    void onlineCountsUsersSessionsAndConnections() throws Exception {
        try (TestClient first = TestClient.connect(port); TestClient second = TestClient.connect(port);
                TestClient anonymous = TestClient.connect(port)) {
            String name = first.registerAndLogin("counted");
            second.command("LOGIN " + name + " password1");
            String online = get("/actuator/online");
            assertThat(online).matches("\\{\"users\":\\d+,\"sessions\":\\d+,\"connections\":\\d+,"
                    + "\"cluster\":\\{\"users\":\\d+,\"sessions\":\\d+}}");
            assertThat(number(online, "sessions")).isGreaterThanOrEqualTo(2);
            assertThat(number(online, "connections")).isGreaterThanOrEqualTo(3);
            assertThat(number(online, "users")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void prometheusShowsOurMetersAfterTraffic() throws Exception {
        try (TestClient alice = TestClient.connect(port); TestClient bob = TestClient.connect(port)) {
            alice.registerAndLogin("prom");
            String bobName = bob.registerAndLogin("prom");
            alice.command("SEND " + bobName + " counted");
            alice.command("LOGIN nobody wrongpass");
        }
        String scrape = get("/actuator/prometheus");
        assertThat(scrape).contains("im_messages_delivered_total", "im_registrations_total{outcome=\"ok\"}",
                "im_logins_total{outcome=\"ok\"}", "im_command_seconds_count{command=\"SEND\"}",
                "im_connections", "im_sessions", "im_online_users");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static int number(String json, String field) {
        String after = json.substring(json.indexOf("\"" + field + "\":") + field.length() + 3);
        return Integer.parseInt(after.replaceAll("[^0-9].*", ""));
    }
}
