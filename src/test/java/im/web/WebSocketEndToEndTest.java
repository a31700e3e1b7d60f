package im.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import im.testing.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** im/1 over WebSocket at /ws, without a browser: the same server as TCP, its framing and limits, its guards. */
@TestPropertySource(properties = {"im.web.allowed-origins=https://chat.example.org", "im.connection.max-outbound-bytes=64KB"})
class WebSocketEndToEndTest extends ServerTestSupport {

    @Test
    void aWebSocketUserAndATerminalUserSeeAndMessageEachOther() {
        String web = TestClient.uniqueName("web");
        String term = TestClient.uniqueName("term");
        try (WsTestClient browser = WsTestClient.connect(webPort); TestClient terminal = TestClient.connect(port)) {
            assertThat(browser.hello()).startsWith("HELLO im/1 ");
            assertThat(browser.command("REGISTER " + web + " password1")).isEqualTo("OK REGISTERED " + web);
            assertThat(browser.command("LOGIN " + web + " password1 tab")).isEqualTo("OK LOGGED_IN " + web);
            terminal.command("REGISTER " + term + " password1");
            terminal.command("LOGIN " + term + " password1");
            assertThat(browser.awaitLine("JOINED ")).isEqualTo("JOINED " + term);
            assertThat(browser.command("SEND " + term + " hello from the browser")).startsWith("OK SENT ");
            assertThat(terminal.awaitEvent(line -> line.startsWith("MSG "))).endsWith(web + " " + term + " hello from the browser");
            assertThat(terminal.command("SEND " + web + " hello from the terminal")).startsWith("OK SENT ");
            assertThat(browser.awaitLine("MSG ")).endsWith(term + " " + web + " hello from the terminal");
            assertThat(browser.command("SESSIONS")).startsWith("OK SESSIONS 1 tab@127.0.0.1");
        }
    }

    @Test
    void aFrameIsOneLineWithAtMostOneLineBreakAtItsEnd() {
        try (WsTestClient client = WsTestClient.connect(webPort)) {
            assertThat(client.command("PING one\n")).isEqualTo("OK PONG one");
            assertThat(client.command("PING two\r\n")).isEqualTo("OK PONG two");
            assertThat(client.command("PING three\nPING four")).isEqualTo("ERR SYNTAX one line per WebSocket frame; frame discarded");
            assertThat(client.command("PING " + "é".repeat(2100))).startsWith("ERR LINE_TOO_LONG ");
            assertThat(client.command("PING five")).isEqualTo("OK PONG five");
        }
    }

    @Test
    void aFrameOfAnyLengthOverTheLimitIsAnsweredAndTheSessionGoesOn() {
        try (WsTestClient client = WsTestClient.connect(webPort)) {
            assertThat(client.command("PING " + "x".repeat(4090))).isEqualTo("OK PONG " + "x".repeat(4090));
            assertThat(client.command("PING " + "x".repeat(4092))).startsWith("ERR LINE_TOO_LONG ");
            assertThat(client.command("PING " + "x".repeat(100_000))).startsWith("ERR LINE_TOO_LONG ");
            assertThat(client.command("PING " + "é".repeat(2100) + "\n")).startsWith("ERR LINE_TOO_LONG ");
            assertThat(client.command("PING after")).isEqualTo("OK PONG after");
        }
    }

    @Test
    void aBinaryFrameClosesWithItsReason() throws Exception {
        try (WsTestClient client = WsTestClient.connect(webPort)) {
            client.sendBinary(new byte[] {'P', 'I', 'N', 'G'});
            assertThat(client.closeStatus().get(5, TimeUnit.SECONDS)).startsWith("1003 ");
        }
    }

    @Test
    void invalidUtf8ClosesWithItsReason() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(webPort)) {
            assertThat(raw.readTextFrame()).startsWith("HELLO im/1 ");
            raw.sendTextFrame(new byte[] {'P', 'I', 'N', 'G', ' ', (byte) 0xC3, (byte) 0x28});
            assertThat(raw.readCloseCode()).isEqualTo(1007);
        }
    }

    @Test
    void anotherSitesPageIsRefusedBeforeASessionExists() throws Exception {
        assertThatThrownBy(() -> WsTestClient.connect(webPort, "https://evil.example.com"))
                .rootCause().hasMessageContaining("403");
        try (WsTestClient sameOrigin = WsTestClient.connect(webPort, "http://127.0.0.1:" + webPort);
                WsTestClient allowed = WsTestClient.connect(webPort, "https://chat.example.org")) {
            assertThat(sameOrigin.command("PING")).isEqualTo("OK PONG");
            assertThat(allowed.command("PING")).isEqualTo("OK PONG");
        }
    }

    @Test
    void thePageComesWithItsSecurityHeaders() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "connect-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("onclick=");
    }

    @Test
    void aBrowserThatStopsReadingIsCutOff() {
        String slow = TestClient.uniqueName("slow");
        String flooder = TestClient.uniqueName("flood");
        try (WsTestClient stalled = WsTestClient.connectNotReading(webPort);
                TestClient sender = TestClient.connect(port)) {
            stalled.sendFrame("REGISTER " + slow + " password1");
            stalled.sendFrame("LOGIN " + slow + " password1");
            sender.command("REGISTER " + flooder + " password1");
            sender.command("LOGIN " + flooder + " password1");
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.command("LIST_ONLINE").contains(slow));
            String text = "x".repeat(1500);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (int i = 0; i < 50; i++) {
                    sender.command("SEND " + slow + " " + text);
                }
                return !sender.command("LIST_ONLINE").contains(slow);
            });
        }
    }

    @Test
    void aMessageOverTheLengthLimitIsRefusedOverWebSocketToo() {
        String name = TestClient.uniqueName("wsl");
        try (WsTestClient client = WsTestClient.connect(webPort)) {
            client.command("REGISTER " + name + " password1");
            client.command("LOGIN " + name + " password1");
            assertThat(client.command("SEND " + name + " " + "y".repeat(2001))).startsWith("ERR MESSAGE_TOO_LONG ");
        }
    }
}
