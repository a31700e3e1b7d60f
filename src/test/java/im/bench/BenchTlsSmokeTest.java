package im.bench;

import static org.assertj.core.api.Assertions.assertThat;

import im.client.ClientTls;
import im.testing.ServerPorts;
import im.testing.ServerTestSupport;
import im.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The load generator over TLS against the real server's TLS listener (a key made for the test):
 * messaging loses nothing, and idle connections are held and reported, as over plain TCP.
 */
@TestPropertySource(properties = "im.throttle.enabled=false")
class BenchTlsSmokeTest extends ServerTestSupport {

    @Autowired
    @Qualifier("imTlsConnectionFactory")
    private AbstractServerConnectionFactory tlsFactory;

    @DynamicPropertySource
    static void tlsListener(DynamicPropertyRegistry registry) throws Exception {
        TestCertificates.tlsListener(registry, "bench.p12", "im-bench");
    }

    @Test
    void closedLoopMessagingOverTlsLosesNothing() throws Exception {
        BenchResult result = new LoadGenerator(overTls(20, 0, Duration.ofSeconds(2))).run();
        assertThat(result.errors()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(result.delivered()).isPositive();
    }

    @Test
    void idleConnectionsOverTlsAreHeldAndReported() throws Exception {
        BenchResult result = new LoadGenerator(overTls(0, 50, Duration.ofMillis(300))).run();
        assertThat(result.errors()).isZero();
        assertThat(result.table()).contains("idle connections  50")
                .contains("all but one closed at once: LEFT for all in");
    }

    private BenchSettings overTls(int clients, int idle, Duration duration) throws Exception {
        return new BenchSettings(List.of(new InetSocketAddress("127.0.0.1", ServerPorts.tcpPort(tlsFactory))), "im",
                "tcp", clients, 8, 0, duration, Duration.ofMillis(500), 64, idle, 0, List.of(), false,
                ClientTls.context(null, null, true));
    }
}
