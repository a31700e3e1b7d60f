package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import org.junit.jupiter.api.Test;

/** JOINED and LEFT, several sessions per user, and abrupt disconnects. */
class PresenceEndToEndTest extends ServerTestSupport {

    @Test
    void anAbruptDisconnectIsAnnouncedAsLeftWithinASecond() {
        try (TestClient watcher = TestClient.connect(port)) {
            watcher.registerAndLogin("watcher");
            TestClient leaver = TestClient.connect(port);
            String name = leaver.registerAndLogin("leaver");
            watcher.awaitEvent("JOINED " + name);
            long closedAt = System.nanoTime();
            leaver.close();
            watcher.awaitEvent("LEFT " + name);
            assertThat((System.nanoTime() - closedAt) / 1_000_000).isLessThan(1000);
            assertThat(watcher.command("LIST_ONLINE")).doesNotContain(" " + name);
        }
    }

    @Test
    void aMessageReachesEverySessionOfTheRecipientAndTheSendersOtherSessions() {
        try (TestClient alicePhone = TestClient.connect(port); TestClient aliceLaptop = TestClient.connect(port);
                TestClient bobPhone = TestClient.connect(port); TestClient bobLaptop = TestClient.connect(port)) {
            String alice = alicePhone.registerAndLogin("alice");
            assertThat(aliceLaptop.command("LOGIN " + alice + " password1 laptop")).startsWith("OK LOGGED_IN");
            String bob = bobPhone.registerAndLogin("bob");
            assertThat(bobLaptop.command("LOGIN " + bob + " password1")).startsWith("OK LOGGED_IN");
            String sent = alicePhone.command("SEND " + bob + " hello from the phone");
            String id = sent.substring(sent.lastIndexOf(' ') + 1);
            for (TestClient copy : new TestClient[] {bobPhone, bobLaptop, aliceLaptop}) {
                assertThat(copy.awaitEvent(line -> line.startsWith("MSG " + id + " ")))
                        .endsWith(" " + alice + " " + bob + " hello from the phone");
            }
            assertThat(alicePhone.command("PING")).isEqualTo("OK PONG");
            assertThat(alicePhone.events()).noneMatch(line -> line.startsWith("MSG "));
        }
    }

    @Test
    void onlyTheFirstSessionJoinsAndOnlyTheLastLeaves() {
        try (TestClient watcher = TestClient.connect(port); TestClient first = TestClient.connect(port);
                TestClient second = TestClient.connect(port)) {
            watcher.registerAndLogin("watcher");
            String name = first.registerAndLogin("twice");
            watcher.awaitEvent("JOINED " + name);
            second.command("LOGIN " + name + " password1");
            first.command("LOGOUT");
            second.close();
            watcher.awaitEvent("LEFT " + name);
            assertThat(watcher.command("PING")).isEqualTo("OK PONG");
            assertThat(watcher.events()).noneMatch(line -> line.endsWith(" " + name));
        }
    }

    @Test
    void theUserConcernedIsNotToldOfItsOwnPresence() {
        try (TestClient client = TestClient.connect(port)) {
            String name = client.registerAndLogin("self");
            assertThat(client.command("PING")).isEqualTo("OK PONG");
            assertThat(client.events()).doesNotContain("JOINED " + name);
        }
    }
}
