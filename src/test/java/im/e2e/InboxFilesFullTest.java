package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox's files cannot grow (the server's files are limited to 8 KB, which fails writes as
 * a full disk does): a message that does not fit is answered {@code ERR STORE_UNAVAILABLE}, a
 * smaller one after it may still fit, and after a restart with room again exactly the
 * acknowledged messages are there, in order.
 */
class InboxFilesFullTest {

    private static final String MEMORY_DATABASE = "--spring.datasource.url=jdbc:sqlite:file:im?mode=memory&cache=shared";

    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesWhatDoesNotFitAndLosesNothingAcknowledged() {
        String folder = "--im.inbox.folder=" + dir.resolve("inbox");
        List<String> acknowledged = new ArrayList<>();
        int refused = 0;
        // The limit holds for every file of the process: the database (cursors, rooms) stays in memory.
        try (ServerProcess server = ServerProcess.startWithFileSizeLimit(dir, 8, MEMORY_DATABASE, folder);
                TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            // Halving the text at each refusal fills what a refused record left of the limit.
            for (int size = 1900; size > 0; ) {
                String reply = alice.command("SEND bob " + "x".repeat(size - 1) + "!");
                if (reply.startsWith("OK STORED bob ")) {
                    acknowledged.add(reply.substring(reply.lastIndexOf(' ') + 1));
                } else {
                    assertThat(reply).startsWith("ERR STORE_UNAVAILABLE ");
                    refused++;
                    size /= 2;
                }
            }
            assertThat(alice.command("PING still-here")).isEqualTo("OK PONG still-here");
        }
        assertThat(refused).isGreaterThan(5);
        assertThat(acknowledged).hasSizeGreaterThan(2);

        List<String> replayed = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, MEMORY_DATABASE, folder);
                TestClient bob = TestClient.connect(server.port())) {
            assertThat(bob.command("LOGIN bob password1")).isEqualTo("OK LOGGED_IN bob");
            bob.send("PING replayed");
            for (String line = bob.nextLine(); !line.equals("OK PONG replayed"); line = bob.nextLine()) {
                replayed.add(line.split(" ")[1]);
            }
            assertThat(server.log()).doesNotContain("cut short").doesNotContain("damaged bytes");
        }
        assertThat(replayed).containsExactlyElementsOf(acknowledged);
    }

    @Test
    void aFullDiskRefusesRoomChangesAsStoreUnavailableAndLogsRefusalsSparingly() {
        try (ServerProcess server = ServerProcess.startWithFileSizeLimit(dir, 160, "--im.rooms.max-per-user=100000");
                TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            String reply = "";
            for (int i = 0; i < 2000 && reply.startsWith("OK") || i == 0; i++) {
                reply = alice.command("JOIN #room" + i);
            }
            assertThat(reply).startsWith("ERR STORE_UNAVAILABLE ");
            int refusedSends = 0;
            for (int i = 0; i < 300; i++) {
                if (alice.command("SEND bob " + "x".repeat(1500)).startsWith("ERR STORE_UNAVAILABLE")) {
                    refusedSends++;
                }
            }
            assertThat(refusedSends).isGreaterThan(100);
            assertThat(alice.command("PING still-here")).isEqualTo("OK PONG still-here");
            assertThat(server.log().lines().filter(line -> line.contains(" ERROR ")).count())
                    .as("refusals are logged once every 10 s, not once each").isLessThan(10);
        }
    }
}
