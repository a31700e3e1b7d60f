package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in its own JVM: what survives a restart (stored messages, room membership), and
 * a SIGKILL right in a burst of sends, twice: every message that was answered
 * {@code OK SENT} or {@code OK STORED} is delivered after the restart.
 */
class InboxCrashTest {

    private static final int SENDERS = 4;

    @TempDir
    Path dir;

    @Test
    void storedMessagesAndRoomMembershipSurviveARestart() {
        String id;
        try (ServerProcess server = ServerProcess.start(dir); TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            assertThat(alice.command("JOIN #Team")).isEqualTo("OK JOINED #Team");
            String reply = alice.command("SEND bob see you after the restart");
            assertThat(reply).startsWith("OK STORED bob ");
            id = reply.substring(reply.lastIndexOf(' ') + 1);
            server.process().destroy(); // SIGTERM: an orderly stop
        }
        try (ServerProcess server = ServerProcess.start(dir); TestClient bob = TestClient.connect(server.port())) {
            assertThat(bob.command("LOGIN bob password1")).isEqualTo("OK LOGGED_IN bob");
            assertThat(bob.nextLine()).startsWith("MSG " + id + " ").endsWith(" alice bob see you after the restart");
            assertThat(bob.command("MEMBERS #team")).isEqualTo("OK MEMBERS #Team 1 alice");
            assertThat(bob.command("JOIN #team")).isEqualTo("OK JOINED #Team");
            assertThat(bob.command("HISTORY alice")).isEqualTo("OK HISTORY 1");
        }
    }

    @Test
    void theStoreItShipsWithIsASqliteFileAndItsMessageFilesUnderDataThatOutliveARestart() {
        String id;
        try (ServerProcess server = ServerProcess.startWithDefaultStore(dir);
                TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            String reply = alice.command("SEND bob kept in ./data");
            assertThat(reply).startsWith("OK STORED bob ");
            id = reply.substring(reply.lastIndexOf(' ') + 1);
            server.process().destroy();
        }
        assertThat(dir.resolve("data/im.db")).isRegularFile();
        assertThat(dir.resolve("data/inbox")).isDirectoryContaining("glob:**.batches");
        try (ServerProcess server = ServerProcess.startWithDefaultStore(dir);
                TestClient bob = TestClient.connect(server.port())) {
            assertThat(bob.command("LOGIN bob password1")).isEqualTo("OK LOGGED_IN bob");
            assertThat(bob.nextLine()).startsWith("MSG " + id + " ").endsWith(" alice bob kept in ./data");
        }
    }

    @Test
    void everyAcknowledgedMessageIsDeliveredAfterSigkill() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServerProcess server = ServerProcess.start(dir); TestClient setup = TestClient.connect(server.port())) {
            for (String user : new String[] {"online", "offline", "sender0", "sender1", "sender2", "sender3"}) {
                setup.command("REGISTER " + user + " password1");
            }
        }
        for (int round = 1; round <= 2; round++) {
            int before = acknowledged.size();
            try (ServerProcess server = ServerProcess.start(dir); TestClient online = TestClient.connect(server.port())) {
                online.command("LOGIN online password1 listener");
                ExecutorService burst = Executors.newFixedThreadPool(SENDERS);
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    burst.execute(() -> sendUntilCut(server.port(), "sender" + sender, acknowledged));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= before + 300);
                server.process().destroyForcibly(); // SIGKILL, right after a burst of acknowledgements
                assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                burst.shutdown();
                assertThat(burst.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        Set<String> delivered = new HashSet<>();
        try (ServerProcess server = ServerProcess.start(dir)) {
            for (String user : new String[] {"online", "offline"}) {
                try (TestClient client = TestClient.connect(server.port())) {
                    assertThat(client.command("LOGIN " + user + " password1 listener")).isEqualTo("OK LOGGED_IN " + user);
                    client.send("PING replayed");
                    for (String line = client.nextLine(); !line.equals("OK PONG replayed"); line = client.nextLine()) {
                        delivered.add(line.split(" ")[1]);
                    }
                }
            }
        }
        assertThat(acknowledged).hasSizeGreaterThan(600);
        assertThat(delivered).containsAll(acknowledged);
    }

    /** Pipelines sends to both users (one online, one not) and keeps the ids that were acknowledged. */
    private static void sendUntilCut(int port, String sender, Set<String> acknowledged) {
        try (TestClient client = TestClient.connect(port)) {
            client.command("LOGIN " + sender + " password1");
            for (int i = 0; ; i++) {
                for (int k = 0; k < 8; k++) {
                    client.send("SEND " + (k % 2 == 0 ? "online" : "offline") + " burst " + i + "." + k);
                }
                for (int k = 0; k < 8; k++) {
                    String reply = client.reply();
                    if (reply.startsWith("OK SENT ") || reply.startsWith("OK STORED ")) {
                        acknowledged.add(reply.substring(reply.lastIndexOf(' ') + 1));
                    }
                }
            }
        } catch (RuntimeException | AssertionError connectionCut) {
            // The server was killed: this sender's burst is over.
        }
    }
}
