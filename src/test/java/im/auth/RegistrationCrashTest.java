package im.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in its own JVM is killed with SIGKILL in the middle of a registration storm over
 * many connections, and restarted, three times over one users file: every registration that
 * was answered {@code OK REGISTERED} is there, and the file parses line by line.
 */
class RegistrationCrashTest {

    private static final int CONNECTIONS = 8;

    @TempDir
    Path dir;

    /** Lines a kill cut short (if a kill ever lands inside a write): the restart closes them off and skips them. */
    private final Set<String> tornLines = ConcurrentHashMap.newKeySet();

    @Test
    void everyAcknowledgedRegistrationSurvivesSigkill() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 1; round <= 3; round++) {
            int before = acknowledged.size();
            // Every connection is one address's: all of them may hash at once, so none spins on RATE_LIMITED.
            try (ServerProcess server = ServerProcess.start(dir, "--im.throttle.registrations-per-address=1000000",
                    "--im.throttle.hashes-queued-per-address=" + CONNECTIONS)) {
                ExecutorService storm = Executors.newFixedThreadPool(CONNECTIONS);
                for (int c = 0; c < CONNECTIONS; c++) {
                    storm.execute(() -> registerUntilCut(server.port(), acknowledged));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 100);
                server.process().destroyForcibly(); // SIGKILL, mid-storm
                assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                storm.shutdown();
                assertThat(storm.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            assertEveryLineParsesButATornLast();
            try (UsersFileAccountStore store = new UsersFileAccountStore(dir.resolve("users.txt"))) {
                for (String name : acknowledged) {
                    assertThat(store.find(name)).as("%s acknowledged in round %d or before", name, round).isPresent();
                }
            }
        }
        try (ServerProcess server = ServerProcess.start(dir); TestClient client = TestClient.connect(server.port())) {
            String someone = acknowledged.iterator().next();
            assertThat(client.command("LOGIN " + someone + " password1")).isEqualTo("OK LOGGED_IN " + someone);
        }
    }

    private static void registerUntilCut(int port, Set<String> acknowledged) {
        try (TestClient client = TestClient.connect(port)) {
            while (true) {
                String name = TestClient.uniqueName("storm");
                if (("OK REGISTERED " + name).equals(client.command("REGISTER " + name + " password1"))) {
                    acknowledged.add(name);
                }
            }
        } catch (RuntimeException | AssertionError connectionCut) {
            // The server was killed: this connection's storm is over.
        }
    }

    private void assertEveryLineParsesButATornLast() throws Exception {
        String content = Files.readString(dir.resolve("users.txt"), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(content.lines().toList());
        if (!content.isEmpty() && !content.endsWith("\n")) {
            tornLines.add(lines.remove(lines.size() - 1)); // cut short by the kill: never acknowledged
        }
        assertThat(lines).allSatisfy(line -> assertThat(UsersFile.parse(line).isPresent() || tornLines.contains(line))
                .as(line).isTrue());
    }
}
