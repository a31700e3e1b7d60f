package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ImServerTest;
import im.testing.ServerPorts;
import im.testing.TestCertificates;
import im.testing.TestClient;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code im.tcp.enabled=false}: only the TLS listener listens. */
@ImServerTest
class TlsOnlyEndToEndTest {

    @Autowired
    @Qualifier("imTlsConnectionFactory")
    private AbstractServerConnectionFactory tlsFactory;

    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void tlsOnly(DynamicPropertyRegistry registry) throws Exception {
        registry.add("im.tcp.enabled", () -> "false");
        TestCertificates.tlsListener(registry, "im.p12", "im");
    }

    @Test
    void thereIsNoPlainListenerAndTheTlsOneWorks() throws Exception {
        assertThat(context.containsBean("imConnectionFactory")).isFalse();
        int port = ServerPorts.tcpPort(tlsFactory);
        SSLSocket socket = (SSLSocket) TestCertificates.trustingAnything().getSocketFactory()
                .createSocket("127.0.0.1", port);
        try (TestClient client = TestClient.over(socket)) {
            assertThat(client.command("PING tls-only")).isEqualTo("OK PONG tls-only");
        }
    }
}
