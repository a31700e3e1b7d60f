package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A users file or a database gone while the messages are still there: the server does not start,
 * and says what it found and what to do; with the stores put back it starts with everything.
 */
class StoresDisagreeEndToEndTest {

    @TempDir
    Path dir;

    @BeforeEach
    void aliceAndBobHaveARoomAndAMessage() {
        try (ServerProcess server = ServerProcess.start(dir); TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            assertThat(alice.command("JOIN #team")).isEqualTo("OK JOINED #team");
            assertThat(alice.command("SEND bob for bob only")).startsWith("OK STORED bob ");
            server.process().destroy();
        }
    }

    @Test
    void withoutItsUsersFileTheServerRefusesToStartSoThatNobodyInheritsAlicesMessages() throws IOException {
        Path users = dir.resolve("users.txt");
        Path kept = dir.resolve("users.kept");
        Files.move(users, kept);

        assertThatThrownBy(() -> ServerProcess.start(dir)).hasMessageContaining("APPLICATION FAILED TO START")
                .hasMessageContaining("2 users that the users file").hasMessageContaining("alice, bob")
                .hasMessageContaining("Restore");

        Files.move(kept, users, StandardCopyOption.REPLACE_EXISTING);
        try (ServerProcess server = ServerProcess.start(dir); TestClient bob = TestClient.connect(server.port())) {
            assertThat(bob.command("LOGIN bob password1")).isEqualTo("OK LOGGED_IN bob");
            assertThat(bob.nextLine()).endsWith(" alice bob for bob only");
        }
    }

    @Test
    void withANewDatabaseBesideTheMessageFilesTheServerRefusesToStart() throws IOException {
        Path data = dir.resolve("data");
        Path kept = dir.resolve("kept");
        Files.createDirectories(kept);
        for (String file : new String[] {"im.db", "im.db-wal", "im.db-shm"}) {
            if (Files.exists(data.resolve(file))) {
                Files.move(data.resolve(file), kept.resolve(file));
            }
        }

        assertThatThrownBy(() -> ServerProcess.start(dir)).hasMessageContaining("APPLICATION FAILED TO START")
                .hasMessageContaining("belong to another database").hasMessageContaining("the database is new");

        for (String file : new String[] {"im.db", "im.db-wal", "im.db-shm"}) {
            Files.deleteIfExists(data.resolve(file));
            if (Files.exists(kept.resolve(file))) {
                Files.move(kept.resolve(file), data.resolve(file));
            }
        }
        try (ServerProcess server = ServerProcess.start(dir); TestClient alice = TestClient.connect(server.port())) {
            assertThat(alice.command("LOGIN alice password1")).isEqualTo("OK LOGGED_IN alice");
            assertThat(alice.command("ROOMS")).contains("#team");
        }
    }
}
