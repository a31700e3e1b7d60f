package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A client that stops reading is cut off without slowing anyone else. */
@TestPropertySource(properties = {"im.limits.max-outbound-bytes=64KB", "im.throttle.command-burst=10000"})
class SlowConsumerEndToEndTest extends ServerTestSupport {

    @Test
    void aClientThatDoesNotReadIsDisconnectedAndOthersAreNotStalled() throws Exception {
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
            assertThat(sender.command("SEND " + victimName + " hello?")).startsWith("ERR USER_OFFLINE ");
            // Its writer was stuck, so the BYE could not get through: the connection is simply closed.
            assertThat(victim.readUntilClosed()).isNotEmpty();
        }
    }
}
