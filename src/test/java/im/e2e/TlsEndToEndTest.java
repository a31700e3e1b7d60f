package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.testing.ClientProcess;
import im.testing.ServerPorts;
import im.testing.ServerTestSupport;
import im.testing.TestCertificates;
import im.testing.TestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The TLS listener end to end, with a key and certificate made for the test: the protocol
 * inside TLS, users of both listeners talking, the CLI client, and a certificate replaced on
 * disk reaching new connections without a restart.
 */
class TlsEndToEndTest extends ServerTestSupport {

    private static Path keyStore;

    @Autowired
    @Qualifier("imTlsConnectionFactory")
    private AbstractServerConnectionFactory tlsFactory;

    private int tlsPort;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void tlsListener(DynamicPropertyRegistry registry) throws Exception {
        keyStore = TestCertificates.keyStore(TestCertificates.folder().resolve("im.p12"), "im-first");
        registry.add("im.tcp.tls.enabled", () -> "true");
        registry.add("im.tcp.tls.port", () -> "0");
        registry.add("spring.ssl.bundle.jks.im.keystore.location", () -> "file:" + keyStore);
        registry.add("spring.ssl.bundle.jks.im.keystore.password", () -> TestCertificates.PASSWORD);
        registry.add("spring.ssl.bundle.jks.im.keystore.type", () -> "PKCS12");
        registry.add("spring.ssl.bundle.jks.im.reload-on-update", () -> "true");
        registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "100ms");
        registry.add("im.connection.max-outbound-bytes", () -> String.valueOf(32 << 20));
    }

    @BeforeEach
    void findTlsPort() {
        tlsPort = ServerPorts.tcpPort(tlsFactory);
    }

    @Test
    void theProtocolWorksInsideTlsAndReachesPlainUsers() throws Exception {
        try (TestClient secure = TestClient.over(tlsSocket()); TestClient plain = TestClient.connect(port)) {
            assertThat(secure.hello()).isEqualTo("HELLO im/1 im-server");
            String secureName = secure.registerAndLogin("secure");
            String plainName = plain.registerAndLogin("plain");
            assertThat(secure.command("SEND " + plainName + " over tls")).startsWith("OK SENT " + plainName);
            assertThat(plain.awaitEvent(line -> line.endsWith(secureName + " " + plainName + " over tls"))).isNotNull();
        }
    }

    @Test
    void aCertificateReplacedOnDiskIsUsedForNewConnectionsWhileOldOnesGoOn() throws Exception {
        try (TestClient before = TestClient.over(tlsSocket())) {
            String original = serverCertificateName();
            TestCertificates.keyStore(keyStore, "im-second");
            await().atMost(Duration.ofSeconds(20)).until(() -> serverCertificateName().equals("CN=im-second"));
            assertThat(original).isIn("CN=im-first", "CN=im-second");
            assertThat(before.command("PING still-here")).isEqualTo("OK PONG still-here");
        }
    }

    @Test
    void theCliClientTalksTlsWithATrustStoreOrExplicitlyInsecure() throws Exception {
        Path trustStore = TestCertificates.trustStore(keyStore, dir.resolve("trust.p12"));
        ClientProcess.Result trusted = ClientProcess.run(dir, List.of("--port", String.valueOf(tlsPort), "--tls",
                "--truststore", trustStore.toString(), "--truststore-password", TestCertificates.PASSWORD),
                "PING trusted\n");
        assertThat(trusted.stdout()).as(trusted.stderr()).contains("OK PONG trusted");
        ClientProcess.Result insecure = ClientProcess.run(dir,
                List.of("--port", String.valueOf(tlsPort), "--tls", "--insecure"), "PING insecure\n");
        assertThat(insecure.stdout()).as(insecure.stderr()).contains("OK PONG insecure");
        ClientProcess.Result unverified = ClientProcess.run(dir,
                List.of("--port", String.valueOf(tlsPort), "--tls"), "PING refused\n");
        assertThat(unverified.exitCode()).isEqualTo(1);
        assertThat(unverified.stdout()).doesNotContain("OK PONG");
    }

    @Test
    void hundredsOfPipelinedCommandsInOneWriteAreAnsweredInOrderOverTls() throws Exception {
        try (TestClient client = TestClient.over(tlsSocket())) {
            // HELP waits in the connection's queue: past 256 of them the loop stops reading, then resumes.
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 900; i++) {
                lines.append(i % 2 == 0 ? "HELP" : "PING p" + i).append('\n');
            }
            client.sendRaw(lines.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 900; i++) {
                assertThat(client.reply()).startsWith(i % 2 == 0 ? "OK HELP " : "OK PONG p" + i);
            }
            assertThat(client.command("QUIT")).isEqualTo("OK BYE");
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void aRecipientThatDoesNotReadGetsEveryMessageIntactWhileOthersOnTheLoopAreAnswered() throws Exception {
        // Megabytes, more than the sockets hold, for a client that reads nothing yet (this class
        // raises the outbound limit): the loop keeps what the socket does not take while it
        // wraps the senders' replies into the same buffer, and every record must still decrypt.
        String padding = "x".repeat(1900);
        int senders = 4;
        int perSender = 900;
        try (TestClient recipient = TestClient.over(tlsSocket())) {
            String recipientName = recipient.registerAndLogin("reader");
            for (int s = 0; s < senders; s++) {
                try (TestClient sender = TestClient.over(tlsSocket())) {
                    sender.registerAndLogin("writer");
                    for (int i = 0; i < perSender; i++) {
                        assertThat(sender.command("SEND " + recipientName + " s" + s + "m" + i + " " + padding))
                                .startsWith("OK SENT " + recipientName);
                    }
                }
            }
            List<String> expected = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                for (int i = 0; i < perSender; i++) {
                    expected.add("s" + s + "m" + i + " " + padding);
                }
            }
            List<String> received = new ArrayList<>();
            while (received.size() < expected.size()) {
                String line = recipient.awaitEvent(event -> event.startsWith("MSG "));
                received.add(line.substring(line.indexOf(" " + recipientName + " ") + recipientName.length() + 2));
            }
            assertThat(received).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void onlyModernSuitesAreOfferedOverTls12And13() throws Exception {
        try (SSLSocket socket = tlsSocket()) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        SSLSocket tls12 = (SSLSocket) TestCertificates.trustingAnything().getSocketFactory().createSocket("127.0.0.1", tlsPort);
        tls12.setEnabledProtocols(new String[] {"TLSv1.2"});
        tls12.startHandshake();
        assertThat(tls12.getSession().getCipherSuite()).isIn(TLS12_MODERN);
        tls12.close();

        SSLSocket oldClient = (SSLSocket) TestCertificates.trustingAnything().getSocketFactory()
                .createSocket("127.0.0.1", tlsPort);
        oldClient.setEnabledProtocols(new String[] {"TLSv1.2"});
        oldClient.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"});
        assertThatThrownBy(oldClient::startHandshake).isInstanceOf(IOException.class);
        oldClient.close();
    }

    private static final List<String> TLS12_MODERN = List.of(
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    private SSLSocket tlsSocket() throws Exception {
        SSLSocket socket = (SSLSocket) TestCertificates.trustingAnything().getSocketFactory()
                .createSocket("127.0.0.1", tlsPort);
        socket.startHandshake();
        return socket;
    }

    private String serverCertificateName() throws Exception {
        try (SSLSocket socket = tlsSocket()) {
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }
}
