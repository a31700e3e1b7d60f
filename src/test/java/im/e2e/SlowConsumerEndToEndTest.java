package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A client that stops reading is cut off without slowing anyone else. */
@TestPropertySource(properties = {"im.connection.max-outbound-bytes=64KB", "im.throttle.command-burst=10000"})
class SlowConsumerEndToEndTest extends ServerTestSupport {

    @Test
    void aClientThatDoesNotReadIsDisconnectedOthersAreNotStalledAndItsMessagesWaitInTheInbox() throws Exception {
        try (TestClient sender = TestClient.connect(port); TestClient victim = TestClient.connect(port);
                TestClient bystander = TestClient.connect(port)) {
            sender.registerAndLogin("sender");
            String victimName = victim.registerAndLogin("victim");
            String bystanderName = bystander.registerAndLogin("bystander");
            String text = "x".repeat(1900);
            // The victim never reads again. Flood it well past 64 KB plus the kernel's socket buffers,
            // then mark the end with a PING; the sender reads all its replies meanwhile.
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 5000; i++) {
                    sender.send("SEND " + victimName + " " + text);
                }
                sender.send("PING flood-done");
            });
            sender.awaitEvent("OK PONG flood-done");
            flood.get(30, TimeUnit.SECONDS);
            sender.awaitEvent("LEFT " + victimName);
            assertThat(bystander.command("SEND " + bystanderName + " still fast")).startsWith("OK SENT ");
            assertThat(sender.command("PING alive")).isEqualTo("OK PONG alive");
            assertThat(sender.command("SEND " + victimName + " hello?")).startsWith("OK STORED " + victimName + " ");
            // Its writer was stuck, so the BYE could not get through: the connection is simply closed.
            assertThat(victim.readUntilClosed()).isNotEmpty();
            long acknowledged = sender.events().stream().filter(line -> line.startsWith("OK ")).count();
            assertThat(acknowledged).isEqualTo(5000);
            try (TestClient again = TestClient.connect(port)) {
                assertThat(again.command("LOGIN " + victimName + " password1")).isEqualTo("OK LOGGED_IN " + victimName);
                Set<String> ids = new HashSet<>();
                while (ids.size() < acknowledged + 1) {
                    String line = again.nextLine();
                    assertThat(line).startsWith("MSG ");
                    ids.add(line.split(" ")[1]);
                }
                assertThat(again.command("PING replayed")).isEqualTo("OK PONG replayed");
            }
        }
    }
}
