package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Silent connections get PING, then BYE and are closed; answering and talking ones stay. */
@TestPropertySource(properties = {"im.connection.ping-after=500ms", "im.connection.idle-timeout=1s"})
class IdleTimeoutEndToEndTest extends ServerTestSupport {

    @Test
    void aSilentConnectionGetsByeAndIsClosed() {
        try (TestClient silent = TestClient.connect(port)) {
            silent.registerAndLogin("silent");
            assertThat(silent.readUntilClosed()).satisfiesExactly(
                    ping -> assertThat(ping).matches("PING [0-9a-z]+"),
                    bye -> assertThat(bye).isEqualTo("BYE idle timeout"));
        }
    }

    @Test
    void aConnectionThatAnswersEveryPingStaysOpen() {
        try (TestClient answering = TestClient.connect(port)) {
            for (int i = 0; i < 3; i++) {
                String ping = answering.nextLine();
                assertThat(ping).startsWith("PING ");
                assertThat(answering.command(ping)).isEqualTo("OK PONG " + ping.substring(5));
            }
        }
    }

    @Test
    void aConnectionThatKeepsTalkingStaysOpen() throws InterruptedException {
        try (TestClient talker = TestClient.connect(port)) {
            long end = System.nanoTime() + 2_500_000_000L;
            while (System.nanoTime() < end) {
                assertThat(talker.command("PING")).isEqualTo("OK PONG");
                // Time passing is the point here: the connection must outlive the idle timeout while it talks.
                Thread.sleep(300);
            }
            assertThat(talker.command("PING last")).isEqualTo("OK PONG last");
        }
    }
}
