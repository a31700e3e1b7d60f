package im.auth;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users file cannot grow (the server's files are limited to 8 KB, which fails writes as a
 * full disk does): registration answers {@code ERR STORE_UNAVAILABLE}, logins and messages go
 * on, and after a restart with room again every acknowledged account is there and new ones
 * follow on clean lines.
 */
class UsersFileFullTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesRegistrationsAndDamagesNothing() throws Exception {
        List<String> registered = new ArrayList<>();
        // The limit holds for every file of the process: the message database stays in memory here.
        try (ServerProcess server = ServerProcess.startWithFileSizeLimit(dir, 8, "--spring.datasource.url=jdbc:sqlite:file:im?mode=memory&cache=shared");
                TestClient client = TestClient.connect(server.port());
                TestClient other = TestClient.connect(server.port())) {
            String reply = "";
            for (int i = 0; i < 500 && !reply.startsWith("ERR"); i++) {
                String name = TestClient.uniqueName("full");
                reply = client.command("REGISTER " + name + " password1");
                if (reply.equals("OK REGISTERED " + name)) {
                    registered.add(name);
                }
            }
            assertThat(reply).startsWith("ERR STORE_UNAVAILABLE ");
            assertThat(registered).hasSizeGreaterThan(20);
            assertThat(client.command("REGISTER " + TestClient.uniqueName("full") + " password1"))
                    .startsWith("ERR STORE_UNAVAILABLE ");
            String alice = registered.get(0);
            String bob = registered.get(registered.size() - 1);
            assertThat(client.command("LOGIN " + alice + " password1")).isEqualTo("OK LOGGED_IN " + alice);
            assertThat(other.command("LOGIN " + bob + " password1")).isEqualTo("OK LOGGED_IN " + bob);
            assertThat(client.command("SEND " + bob + " still working")).startsWith("OK SENT ");
            assertThat(other.awaitEvent(line -> line.endsWith(alice + " " + bob + " still working"))).isNotNull();
        }
        List<String> lines = Files.readAllLines(dir.resolve("users.txt"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(registered.size()).allSatisfy(line -> assertThat(UsersFile.parse(line)).isPresent());
        try (ServerProcess server = ServerProcess.start(dir); TestClient client = TestClient.connect(server.port())) {
            for (String name : registered) {
                assertThat(client.command("LOGIN " + name + " password1")).isEqualTo("OK LOGGED_IN " + name);
                assertThat(client.command("LOGOUT")).isEqualTo("OK LOGGED_OUT");
            }
            String later = TestClient.uniqueName("later");
            assertThat(client.command("REGISTER " + later + " password1")).isEqualTo("OK REGISTERED " + later);
        }
        assertThat(Files.readAllLines(dir.resolve("users.txt"), StandardCharsets.UTF_8))
                .hasSize(registered.size() + 1).allSatisfy(line -> assertThat(UsersFile.parse(line)).isPresent());
    }
}
