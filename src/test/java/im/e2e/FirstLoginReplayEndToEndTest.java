package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device's first login replays only messages within im.inbox.first-login-replay; a known device, all it has not acknowledged. */
class FirstLoginReplayEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void withNoWindowANewDeviceGetsNothingAndAKnownOneStillGetsWhatItHasNotAcknowledged() {
        try (ServerProcess server = ServerProcess.start(dir, "--im.inbox.first-login-replay=0s");
                TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            try (TestClient laptop = TestClient.connect(server.port())) {
                assertThat(laptop.command("LOGIN bob password1 laptop")).isEqualTo("OK LOGGED_IN bob");
                assertThat(laptop.command("LOGOUT")).isEqualTo("OK LOGGED_OUT");
            }
            assertThat(alice.command("SEND bob while you were away")).startsWith("OK STORED bob");
            try (TestClient phone = TestClient.connect(server.port())) {
                assertThat(phone.command("LOGIN bob password1 phone")).isEqualTo("OK LOGGED_IN bob");
                assertThat(phone.command("PING replayed")).isEqualTo("OK PONG replayed");
                assertThat(phone.events()).as("a new device: HISTORY has it").isEmpty();
                assertThat(phone.command("HISTORY alice")).isEqualTo("OK HISTORY 1");
            }
            try (TestClient laptop = TestClient.connect(server.port())) {
                assertThat(laptop.command("LOGIN bob password1 laptop")).isEqualTo("OK LOGGED_IN bob");
                assertThat(laptop.nextLine()).endsWith(" alice bob while you were away");
            }
        }
    }
}
