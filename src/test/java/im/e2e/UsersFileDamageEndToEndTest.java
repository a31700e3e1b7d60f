package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A users file with a byte that is not UTF-8 in a comment and in carol's line: the server starts,
 * dave logs in, and carol's name stays hers: nobody can register it while her line is damaged.
 */
class UsersFileDamageEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedLineIsKeptAndReservesItsNameAndTheRestLoads() throws IOException {
        try (ServerProcess server = ServerProcess.start(dir); TestClient client = TestClient.connect(server.port())) {
            client.command("REGISTER carol password1");
            client.command("REGISTER dave password1");
            server.process().destroy();
        }
        Path users = dir.resolve("users.txt");
        byte[] content = Files.readAllBytes(users);
        String text = new String(content, StandardCharsets.UTF_8);
        int inCarolsHash = text.indexOf("carol {") + 12;
        content[inCarolsHash] = (byte) 0xff;
        byte[] comment = "# edited by hand \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] damaged = new byte[comment.length + content.length];
        System.arraycopy(comment, 0, damaged, 0, comment.length);
        System.arraycopy(content, 0, damaged, comment.length, content.length);
        Files.write(users, damaged);

        try (ServerProcess server = ServerProcess.start(dir); TestClient client = TestClient.connect(server.port())) {
            assertThat(client.command("LOGIN dave password1")).isEqualTo("OK LOGGED_IN dave");
            assertThat(client.command("REGISTER carol strangerpass")).startsWith("ERR USERNAME_TAKEN");
            assertThat(client.command("REGISTER CAROL strangerpass")).startsWith("ERR USERNAME_TAKEN");
            assertThat(server.log()).contains("line 2 is not valid UTF-8").contains("carol stays reserved");
        }
        assertThat(Files.readAllBytes(users)).as("kept as it was").isEqualTo(damaged);
    }
}
