package im.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import im.testing.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** im.web.enabled=false: no page and no WebSocket on the public listener; TCP as ever. */
@TestPropertySource(properties = "im.web.enabled=false")
class WebClientOffEndToEndTest extends ServerTestSupport {

    @Test
    void thePublicListenerServesNothingAndTcpWorks() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> WsTestClient.connect(webPort)).rootCause().hasMessageContaining("404");
        try (TestClient client = TestClient.connect(port)) {
            assertThat(client.command("PING")).isEqualTo("OK PONG");
        }
    }
}
