package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.inbox.store.MessageIds;
import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Pruning against a running server (every 100 ms here): an inbox entry stays until every
 * device the user has had acknowledged it, a device that logged in and acknowledged nothing
 * included.
 */
class InboxPruneTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceThatAcknowledgedNothingStillGetsWhatAnotherDeviceAcknowledged() {
        try (ServerProcess server = ServerProcess.start(dir, "--im.inbox.prune-every=100ms");
                TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            try (TestClient laptop = TestClient.connect(server.port())) {
                assertThat(laptop.command("LOGIN bob password1 laptop")).isEqualTo("OK LOGGED_IN bob");
            }
            assertThat(alice.command("LOGIN alice password1 marker")).isEqualTo("OK LOGGED_IN alice");
            String reply = alice.command("SEND bob while the laptop is away");
            assertThat(reply).startsWith("OK STORED bob ");
            String id = reply.substring(reply.lastIndexOf(' ') + 1);
            try (TestClient phone = TestClient.connect(server.port())) {
                assertThat(phone.command("LOGIN bob password1 phone")).isEqualTo("OK LOGGED_IN bob");
                assertThat(phone.nextLine()).startsWith("MSG " + id + " ");
                assertThat(phone.command("ACK " + id)).isEqualTo("OK ACKED " + id);
            }
            // A prune writes the cursors down, then trims: once the phone's cursor is in the table
            // one prune has seen its ACK; once a cursor moved after that is too, that prune's trim is over.
            JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(ServerProcess.storeUrl(dir)));
            await().atMost(Duration.ofSeconds(10)).until(() -> cursors(database, "bob", "phone").contains(MessageIds.position(id)));
            assertThat(alice.command("ACK " + id)).isEqualTo("OK ACKED " + id);
            await().atMost(Duration.ofSeconds(10)).until(() -> cursors(database, "alice", "marker").contains(MessageIds.position(id)));

            try (TestClient laptop = TestClient.connect(server.port())) {
                assertThat(laptop.command("LOGIN bob password1 laptop")).isEqualTo("OK LOGGED_IN bob");
                assertThat(laptop.nextLine()).startsWith("MSG " + id + " ").endsWith(" alice bob while the laptop is away");
            }
        }
    }

    private static List<Long> cursors(JdbcTemplate database, String user, String device) {
        return database.queryForList("select position from device_cursor where user_key = ? and device = ?", Long.class,
                user, device);
    }
}
