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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client answers by itself (keep-alive, inbox acknowledgements), against a socket that plays the server. */
class ServerConnectionTest {

    private final List<String> shown = new CopyOnWriteArrayList<>();
    private ServerSocket listener;
    private ServerConnection connection;
    private Socket server;
    private BufferedReader fromClient;
    private OutputStream toClient;

    @BeforeEach
    void connect() throws Exception {
        listener = new ServerSocket(0);
        connection = ServerConnection.open("127.0.0.1", listener.getLocalPort(), null, true);
        server = listener.accept();
        connection.startReading(shown::add, () -> { });
        fromClient = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        toClient = server.getOutputStream();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        server.close();
        listener.close();
    }

    @Test
    void answersTheServersPingAndHidesThePongThatAnswersIt() throws Exception {
        serverSends("HELLO im/1 test\nPING k7\n");
        assertThat(fromClient.readLine()).isEqualTo("PING k7");
        serverSends("OK PONG k7\nOK PONG mine\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> shown.size() == 2);
        assertThat(shown).containsExactly("HELLO im/1 test", "OK PONG mine");
    }

    @Test
    void acknowledgesEachNewMessageDropsARepeatAndLeavesHistoryAlone() throws Exception {
        serverSends("MSG a1 t bob alice hi\nMSG a1 t bob alice hi\n");
        assertThat(fromClient.readLine()).isEqualTo("ACK a1");
        assertThat(fromClient.readLine()).isEqualTo("ACK a1");
        connection.send("HISTORY bob");
        assertThat(fromClient.readLine()).isEqualTo("HISTORY bob");
        serverSends("OK ACKED a1\nOK ACKED a1\nMSG a0 t alice bob old\nMSG a1 t bob alice hi\nOK HISTORY 2\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> shown.size() == 4);
        assertThat(shown).containsExactly("MSG a1 t bob alice hi", "MSG a0 t alice bob old", "MSG a1 t bob alice hi",
                "OK HISTORY 2");
    }

    private void serverSends(String lines) throws Exception {
        toClient.write(lines.getBytes(StandardCharsets.UTF_8));
    }
}
