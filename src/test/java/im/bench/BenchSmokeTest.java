package im.bench;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A few seconds of the load generator against the real server: every acknowledged message is
 * delivered and nothing fails. No timing is asserted; speed is measured by bench/compare.sh.
 * Runs with the abuse limits off ({@code im.throttle.enabled=false}), as compare.sh does.
 */
@TestPropertySource(properties = "im.throttle.enabled=false")
class BenchSmokeTest extends ServerTestSupport {

    private static final long NO_PID = 0;

    @Test
    void closedLoopMessagingLosesNothing() throws Exception {
        BenchResult result = new LoadGenerator(new BenchSettings("127.0.0.1", port, "im", "tcp", 20, 8, 0,
                Duration.ofSeconds(2), Duration.ofMillis(500), 64, 0, 0, NO_PID)).run();
        assertThat(result.errors()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(result.delivered()).isPositive();
        assertThat(result.json()).contains("\"lost\":0");
    }

    @Test
    void openLoopMessagingWithQuickAcknowledgementsLosesNothing() throws Exception {
        BenchSettings quickAck = new BenchSettings(List.of(new InetSocketAddress("127.0.0.1", port)), "im", "tcp", 20,
                0, 2000, Duration.ofSeconds(2), Duration.ofMillis(500), 64, 0, 0, List.of(), true, null);
        BenchResult result = new LoadGenerator(quickAck).run();
        assertThat(result.errors()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(result.delivered()).isGreaterThan(1000);
    }

    @Test
    void closedLoopMessagingOverWebSocketLosesNothing() throws Exception {
        BenchResult result = new LoadGenerator(new BenchSettings("127.0.0.1", webPort, "im", "ws", 20, 8, 0,
                Duration.ofSeconds(2), Duration.ofMillis(500), 64, 0, 0, NO_PID)).run();
        assertThat(result.errors()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(result.delivered()).isPositive();
    }

    @Test
    void openLoopWithALoginStormLosesNothing() throws Exception {
        BenchResult result = new LoadGenerator(new BenchSettings("127.0.0.1", port, "im", "tcp", 20, 0, 2000,
                Duration.ofSeconds(2), Duration.ofMillis(500), 64, 0, 50, NO_PID)).run();
        assertThat(result.errors()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(result.delivered()).isGreaterThan(1000);
        assertThat(result.loginStorm()).isNotNull();
        assertThat(result.stormLoggedIn()).isEqualTo(50);
        assertThat(result.table()).contains("login storm       50 logins in");
    }

    @Test
    void idleConnectionsAreHeldAndReported() throws Exception {
        BenchResult result = new LoadGenerator(new BenchSettings("127.0.0.1", port, "im", "tcp", 0, 0, 0,
                Duration.ofMillis(300), Duration.ZERO, 64, 50, 0, NO_PID)).run();
        assertThat(result.errors()).isZero();
        assertThat(result.table()).contains("idle connections  50")
                .contains("all but one closed at once: LEFT for all in");
    }
}
