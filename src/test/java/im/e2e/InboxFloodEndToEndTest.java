package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sender floods an offline user's inbox past its cap: the flood's oldest messages go, the
 * one from a friend stays, and the recipient is told what was dropped when they log in.
 */
class InboxFloodEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aFloodPushesOutItsOwnMessagesNotAFriendsAndTheRecipientIsTold() {
        try (ServerProcess server = ServerProcess.start(dir, "--im.inbox.max-per-user=100", "--im.inbox.prune-every=100ms");
                TestClient alice = TestClient.connect(server.port()); TestClient mallory = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("REGISTER mallory password1");
            alice.command("LOGIN alice password1");
            mallory.command("LOGIN mallory password1");
            assertThat(alice.command("SEND bob IMPORTANT: the door code is 4711")).startsWith("OK STORED bob");
            for (int i = 0; i < 150; i++) {
                assertThat(mallory.command("SEND bob spam " + i)).startsWith("OK STORED bob");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> server.http("/actuator/metrics/im.inbox.dropped")
                    .matches(".*\"value\":(5[1-9]|[6-9]\\d|\\d{3,})\\.0.*"));

            try (TestClient bob = TestClient.connect(server.port())) {
                assertThat(bob.command("LOGIN bob password1")).isEqualTo("OK LOGGED_IN bob");
                bob.send("PING replayed");
                List<String> lines = new ArrayList<>();
                for (String line = bob.nextLine(); !line.equals("OK PONG replayed"); line = bob.nextLine()) {
                    lines.add(line);
                }
                assertThat(lines).anyMatch(line -> line.endsWith(" alice bob IMPORTANT: the door code is 4711"));
                assertThat(lines).filteredOn(line -> line.startsWith("MSG ")).hasSize(100);
                assertThat(lines).contains("DROPPED 51 mallory");
                assertThat(lines).noneMatch(line -> line.endsWith(" mallory bob spam 0"));
            }
        }
    }
}
