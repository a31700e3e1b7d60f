package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.DiskDamage;
import im.testing.ServerProcess;
import im.testing.TestClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flipped bit in a stored message's record: after a restart that message alone is lost, the
 * 199 after and before it are delivered, its bytes are in the quarantine folder, the log says it at
 * ERROR, and {@code /actuator/health} reports {@code DAMAGED}.
 */
class DamagedMessageFileEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aFlippedBitLosesOneMessageAndNoneAfterIt() throws IOException {
        try (ServerProcess server = ServerProcess.start(dir); TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            for (int i = 0; i < 200; i++) {
                assertThat(alice.command("SEND bob message " + i)).startsWith("OK STORED bob ");
            }
            server.process().destroy();
        }
        assertThat(verify()).contains("verify: sound").contains("0 damaged stretches").contains("im.db: sound")
                .endsWith("exit 0");
        Path segment = onlySegment();
        List<Long> records = recordOffsets(segment);
        assertThat(records).hasSizeGreaterThanOrEqualTo(200);
        // A bit in the body of the record 20 from the end of the messages' records: message 180's.
        DiskDamage.flipBit(segment, records.get(records.size() - 20) + 45);

        assertThat(verify()).contains("1 damaged stretches").contains("verify: damage found").endsWith("exit 1");

        List<String> delivered = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir); TestClient bob = TestClient.connect(server.port())) {
            assertThat(bob.command("LOGIN bob password1")).isEqualTo("OK LOGGED_IN bob");
            bob.send("PING replayed");
            for (String line = bob.nextLine(); !line.equals("OK PONG replayed"); line = bob.nextLine()) {
                delivered.add(line.substring(line.indexOf(" bob ") + 5));
            }
            assertThat(server.http("/actuator/health")).contains("\"status\":\"DAMAGED\"", "quarantine");
            assertThat(server.log()).contains("ERROR").contains("damaged bytes");
        }
        assertThat(delivered).hasSize(199).doesNotContain("message 180").contains("message 179", "message 181",
                "message 199");
        try (Stream<Path> quarantined = Files.list(dir.resolve("data/inbox/quarantine"))) {
            assertThat(quarantined).hasSize(1);
        }
    }

    /** {@code im-server verify} in the server's folder: its output, with its exit code as the last line. */
    private String verify() throws IOException {
        List<String> command = new ArrayList<>(ServerProcess.javaCommand("im.Application"));
        command.add("verify");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return output + "exit " + process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("data/inbox"))) {
            return files.filter(file -> file.toString().endsWith(".batches")).findFirst().orElseThrow();
        }
    }

    /** Where each record starts: a marker and a length, then 32 more header bytes and the body. */
    private static List<Long> recordOffsets(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Long> offsets = new ArrayList<>();
        for (int at = 0; at < bytes.limit(); at += 40 + bytes.getInt(at + 4)) {
            assertThat(bytes.getInt(at)).as("a record's marker").isEqualTo(0x494D4232);
            offsets.add((long) at);
        }
        return offsets;
    }

}
