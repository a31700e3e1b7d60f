package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.testing.ServerProcess;
import im.testing.TestCertificates;
import im.testing.TestClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TLS slowloris: connections that never send a ClientHello hold no thread, are closed after
 * the handshake timeout, those over the per-address cap at once, and a real client still gets in.
 */
class TlsHandshakeEndToEndTest {

    @TempDir
    Path dir;

    /** On the event loops (1), and with a thread per connection over an {@code SSLSocket} (0). */
    @ParameterizedTest(name = "im.tcp.event-loops={0}")
    @ValueSource(ints = {1, 0})
    void connectionsThatNeverStartTheirHandshakeAreClosed(int eventLoops) throws Exception {
        int tlsPort = ServerProcess.freePort();
        try (ServerProcess server = withTls(tlsPort, "--im.tcp.tls.handshake-timeout=1s",
                "--im.throttle.max-connections-per-address=20", "--im.tcp.event-loops=" + eventLoops)) {
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), tlsPort,
                            InetAddress.getByName("127.0.0.9"), 0);
                    socket.setSoTimeout(15_000);
                    silent.add(socket);
                }
                for (Socket socket : silent) {
                    assertThat(closedByTheServer(socket)).isTrue();
                }
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
            SSLSocket real = (SSLSocket) TestCertificates.trustingAnything().getSocketFactory()
                    .createSocket("127.0.0.1", tlsPort);
            try (TestClient client = TestClient.over(real)) {
                assertThat(client.command("PING after-the-storm")).isEqualTo("OK PONG after-the-storm");
            }
        }
    }

    @Test
    void connectionsWaitingForTheirHandshakeHoldNoThreads() throws Exception {
        int tlsPort = ServerProcess.freePort();
        try (ServerProcess server = withTls(tlsPort, "--im.tcp.tls.handshake-timeout=60s")) {
            int before = metric(server, "jvm.threads.live");
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    silent.add(new Socket(InetAddress.getByName("127.0.0.1"), tlsPort, InetAddress.getByName("127.0.0.10"), 0));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> metric(server, "im.connections") >= 300);
                assertThat(metric(server, "jvm.threads.live")).as("threads with 300 handshakes pending")
                        .isLessThan(before + 20);
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aServerWithAHandshakePendingStopsPromptlyOnSigterm() throws Exception {
        int tlsPort = ServerProcess.freePort();
        try (ServerProcess server = withTls(tlsPort, "--im.tcp.tls.handshake-timeout=60s");
                Socket silent = new Socket("127.0.0.1", tlsPort)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(server, "im.connections") >= 1);
            server.process().destroy();
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).as(server.log()).isTrue();
            assertThat(server.process().exitValue()).as(server.log()).isZero();
        }
    }

    /** The server with its TLS listener on {@code tlsPort}, a test key store, and {@code settings}. */
    private ServerProcess withTls(int tlsPort, String... settings) throws Exception {
        Path keyStore = TestCertificates.keyStore(dir.resolve("im.p12"), "localhost");
        List<String> args = new ArrayList<>(List.of("--im.tcp.tls.enabled=true", "--im.tcp.tls.port=" + tlsPort,
                "--spring.ssl.bundle.jks.im.keystore.location=file:" + keyStore,
                "--spring.ssl.bundle.jks.im.keystore.password=" + TestCertificates.PASSWORD,
                "--spring.ssl.bundle.jks.im.keystore.type=PKCS12"));
        args.addAll(List.of(settings));
        return ServerProcess.start(dir, args.toArray(String[]::new));
    }

    private static int metric(ServerProcess server, String name) {
        String body = server.http("/actuator/metrics/" + name);
        Matcher value = Pattern.compile("\"value\":([0-9.E]+)").matcher(body);
        assertThat(value.find()).as(body).isTrue();
        return (int) Double.parseDouble(value.group(1));
    }

    /**
     * True once the server has closed the socket (end of stream or a reset, perhaps after a TLS
     * alert); false if it kept it open.
     */
    private static boolean closedByTheServer(Socket socket) {
        try {
            while (socket.getInputStream().read() >= 0) {
                // an alert's bytes
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
