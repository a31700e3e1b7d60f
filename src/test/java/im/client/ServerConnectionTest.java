package im.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the client answers by itself (keep-alive, inbox acknowledgements), against a socket that plays the server. */
class ServerConnectionTest {

    @Test
    void answersTheServersPingAndHidesThePongThatAnswersIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            List<String> shown = new CopyOnWriteArrayList<>();
            try (ServerConnection connection = ServerConnection.open("127.0.0.1", listener.getLocalPort(), null, true);
                    Socket server = listener.accept()) {
                connection.startReading(shown::add, () -> { });
                BufferedReader fromClient = new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                OutputStream toClient = server.getOutputStream();
                toClient.write("HELLO im/1 test\nPING k7\n".getBytes(StandardCharsets.UTF_8));
                assertThat(fromClient.readLine()).isEqualTo("PING k7");
                toClient.write("OK PONG k7\nOK PONG mine\n".getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(5)).until(() -> shown.size() == 2);
                assertThat(shown).containsExactly("HELLO im/1 test", "OK PONG mine");
            }
        }
    }

    @Test
    void acknowledgesEachNewMessageDropsARepeatAndLeavesHistoryAlone() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            List<String> shown = new CopyOnWriteArrayList<>();
            try (ServerConnection connection = ServerConnection.open("127.0.0.1", listener.getLocalPort(), null, true);
                    Socket server = listener.accept()) {
                connection.startReading(shown::add, () -> { });
                BufferedReader fromClient = new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                OutputStream toClient = server.getOutputStream();
                toClient.write("MSG a1 t bob alice hi\nMSG a1 t bob alice hi\n".getBytes(StandardCharsets.UTF_8));
                assertThat(fromClient.readLine()).isEqualTo("ACK a1");
                assertThat(fromClient.readLine()).isEqualTo("ACK a1");
                connection.send("HISTORY bob");
                assertThat(fromClient.readLine()).isEqualTo("HISTORY bob");
                toClient.write(("OK ACKED a1\nOK ACKED a1\nMSG a0 t alice bob old\nMSG a1 t bob alice hi\nOK HISTORY 2\n")
                        .getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(5)).until(() -> shown.size() == 4);
                assertThat(shown).containsExactly("MSG a1 t bob alice hi", "MSG a0 t alice bob old",
                        "MSG a1 t bob alice hi", "OK HISTORY 2");
            }
        }
    }
}
