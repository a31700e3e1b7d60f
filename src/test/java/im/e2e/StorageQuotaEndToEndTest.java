package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One user cannot fill the disk: past the day's quota SEND is refused, and only for that user. */
class StorageQuotaEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aUserPastTheDailyQuotaIsRateLimitedAndOthersAreNot() {
        try (ServerProcess server = ServerProcess.start(dir, "--im.inbox.quota-per-user-per-day=50KB");
                TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            bob.command("LOGIN bob password1");
            int stored = 0;
            String reply = alice.command("SEND bob " + "x".repeat(1900));
            while (reply.startsWith("OK SENT")) {
                stored++;
                reply = alice.command("SEND bob " + "x".repeat(1900));
            }
            assertThat(reply).startsWith("ERR RATE_LIMITED retry after ");
            assertThat(stored).isBetween(20, 30);
            assertThat(alice.command("SEND bob " + "z".repeat(1900))).as("nothing that size more today").startsWith("ERR RATE_LIMITED");
            assertThat(bob.command("SEND alice " + "y".repeat(1900))).startsWith("OK SENT");
        }
    }
}
