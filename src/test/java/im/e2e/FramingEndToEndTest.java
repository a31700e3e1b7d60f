package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Long lines, invalid UTF-8, lines split across packets, and pipelining. */
@TestPropertySource(properties = "im.throttle.command-burst=10000")
class FramingEndToEndTest extends ServerTestSupport {

    @Test
    void aTooLongLineIsAnsweredAndSkippedAndTheConnectionStaysUsable() {
        try (TestClient client = TestClient.connect(port)) {
            client.send("PING before");
            client.send("PING " + "x".repeat(100_000));
            client.send("PING after");
            assertThat(client.nextLine()).isEqualTo("OK PONG before");
            assertThat(client.nextLine()).isEqualTo("ERR LINE_TOO_LONG lines are at most 4096 bytes; line discarded");
            assertThat(client.nextLine()).isEqualTo("OK PONG after");
        }
    }

    @Test
    void aLineOfExactly4096BytesIsAccepted() {
        try (TestClient client = TestClient.connect(port)) {
            String token = "t".repeat(4096 - "PING ".length());
            assertThat(client.command("PING " + token)).isEqualTo("OK PONG " + token);
        }
    }

    @Test
    void invalidUtf8IsReplacedNeverFatal() {
        try (TestClient client = TestClient.connect(port)) {
            client.sendRaw(new byte[] {'P', 'I', 'N', 'G', ' ', (byte) 0xc3, (byte) 0x28, (byte) 0xff, '\n'});
            assertThat(client.nextLine()).isEqualTo("OK PONG \uFFFD(\uFFFD");
            client.sendRaw(new byte[] {(byte) 0xfe, (byte) 0xfe, '\r', '\n', 0, 1, 2, '\n'});
            assertThat(client.nextLine()).startsWith("ERR UNKNOWN_COMMAND ");
            assertThat(client.nextLine()).startsWith("ERR UNKNOWN_COMMAND ");
            assertThat(client.command("PING ok")).isEqualTo("OK PONG ok");
        }
    }

    @Test
    void aLineSentOneByteAtATimeIsOneCommand() {
        try (TestClient client = TestClient.connect(port)) {
            for (byte b : "PING slow\r\n".getBytes(StandardCharsets.US_ASCII)) {
                client.sendRaw(new byte[] {b});
            }
            assertThat(client.nextLine()).isEqualTo("OK PONG slow");
        }
    }

    @Test
    void pipelinedRegisterLoginAndSendInOneWriteAreAnsweredInOrder() {
        try (TestClient client = TestClient.connect(port)) {
            String name = TestClient.uniqueName("pipe");
            client.sendRaw(("REGISTER " + name + " s3cretpass\nLOGIN " + name + " s3cretpass\nSEND " + name
                    + " to myself\nLIST_ONLINE\nLOGOUT\n").getBytes(StandardCharsets.UTF_8));
            assertThat(client.reply()).isEqualTo("OK REGISTERED " + name);
            assertThat(client.reply()).isEqualTo("OK LOGGED_IN " + name);
            assertThat(client.reply()).startsWith("OK SENT " + name + " ");
            assertThat(client.reply()).startsWith("OK ONLINE ");
            assertThat(client.reply()).isEqualTo("OK LOGGED_OUT");
        }
    }

    /**
     * A SEND or PING runs on the thread that read it when nothing is queued before it, others
     * on the connection's queue: replies still come in the order of the commands, whichever
     * thread ran each and however long a message takes to be stored.
     */
    @Test
    void pipelinedMessagesPingsErrorsAndQueuedCommandsAreAnsweredInOrder() {
        try (TestClient client = TestClient.connect(port)) {
            String name = client.registerAndLogin("order");
            StringBuilder batch = new StringBuilder();
            int commands = 3000;
            for (int i = 0; i < commands; i++) {
                batch.append(switch (i % 5) {
                    case 0 -> "SEND " + name + " message " + i;
                    case 1 -> "PING " + i;
                    case 2 -> "SEND nobody-" + i + " lost";
                    case 3 -> i % 50 == 3 ? "SESSIONS" : "PING " + i;
                    default -> "SEND " + name;
                }).append('\n');
            }
            client.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < commands; i++) {
                String expected = switch (i % 5) {
                    case 0 -> "OK SENT " + name + " ";
                    case 1 -> "OK PONG " + i;
                    case 2 -> "ERR NO_SUCH_USER ";
                    case 3 -> i % 50 == 3 ? "OK SESSIONS " : "OK PONG " + i;
                    default -> "ERR SYNTAX ";
                };
                assertThat(client.reply()).as("reply %d", i).startsWith(expected);
            }
        }
    }

    @Test
    void thousandsOfPipelinedCommandsAreAnsweredInOrder() {
        try (TestClient client = TestClient.connect(port)) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                batch.append(i % 7 == 0 ? "BOGUS " : "PING ").append(i).append('\n');
            }
            client.sendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 5000; i++) {
                String expected = i % 7 == 0 ? "ERR UNKNOWN_COMMAND " : "OK PONG " + i;
                assertThat(client.nextLine()).startsWith(expected);
            }
        }
    }
}
