package im.web;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestCertificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the TLS listener on, the page comes over HTTPS and im/1 over WSS, with the same SSL bundle. */
class WebTlsEndToEndTest extends ServerTestSupport {

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        TestCertificates.tlsListener(registry, "web.p12", "im-web");
    }

    @Test
    void thePageIsServedOverHttps() throws Exception {
        try (SSLSocket socket = tls()) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void plainHttpIsNotServedBesideIt() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", webPort)) {
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String first = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            assertThat(first).doesNotStartWith("HTTP/1.1 200");
        }
    }

    @Test
    void imSpeaksOverWss() throws Exception {
        try (RawWebSocket ws = RawWebSocket.over(tls(), webPort)) {
            assertThat(ws.readTextFrame()).startsWith("HELLO im/1 ");
            ws.sendTextFrame("PING wss".getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readTextFrame()).isEqualTo("OK PONG wss");
        }
    }

    private SSLSocket tls() throws Exception {
        SSLSocket socket = (SSLSocket) TestCertificates.trustingAnything().getSocketFactory()
                .createSocket("127.0.0.1", webPort);
        socket.startHandshake();
        return socket;
    }
}
