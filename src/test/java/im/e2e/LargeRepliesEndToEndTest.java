package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies that would be larger than a client's outbound queue or its line limit come in pages
 * that a reading client always gets whole; and rooms are limited per user and in all.
 */
class LargeRepliesEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void historyOfFiveHundredLargeMessagesComesInPagesAndNobodyIsCutOff() {
        try (ServerProcess server = ServerProcess.start(dir, "--im.throttle.enabled=false");
                TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            for (int i = 0; i < 500; i++) {
                assertThat(alice.command("SEND bob " + i + " " + "x".repeat(1900))).startsWith("OK STORED");
            }
            assertThat(bob.command("LOGIN bob password1 phone")).startsWith("OK LOGGED_IN");
            bob.send("PING replayed");
            for (String line = bob.nextLine(); !line.equals("OK PONG replayed"); line = bob.nextLine()) {
                assertThat(line).startsWith("MSG ");
            }
            Set<String> seen = new LinkedHashSet<>();
            String before = "";
            int pages = 0;
            while (seen.size() < 500) {
                bob.send("HISTORY alice 500" + before);
                List<String> page = new ArrayList<>();
                String line = bob.nextLine();
                for (; line.startsWith("MSG "); line = bob.nextLine()) {
                    page.add(line.split(" ")[1]);
                }
                assertThat(line).as("the reply, not a BYE").isEqualTo("OK HISTORY " + page.size());
                assertThat(page).isNotEmpty();
                seen.addAll(page);
                before = " before " + page.get(0);
                pages++;
            }
            assertThat(seen).hasSize(500);
            assertThat(pages).isGreaterThan(1);
        }
    }

    @Test
    void roomsComeInPagesOfShortLines() {
        try (ServerProcess server = ServerProcess.start(dir, "--im.throttle.enabled=false", "--im.rooms.max-per-user=1000");
                TestClient alice = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("LOGIN alice password1");
            for (int i = 0; i < 300; i++) {
                assertThat(alice.command("JOIN #room-with-a-long-name-" + (1000 + i))).startsWith("OK JOINED");
            }
            List<String> rooms = new ArrayList<>();
            String after = "";
            while (true) {
                String reply = alice.command("ROOMS" + after);
                assertThat(reply.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
                String[] words = reply.split(" ");
                int count = Integer.parseInt(words[2]);
                if (count == 0) {
                    break;
                }
                for (int w = 3; w < words.length; w++) {
                    rooms.add(words[w]);
                }
                after = " after " + words[words.length - 1].substring(0, words[words.length - 1].lastIndexOf(':'));
            }
            assertThat(rooms).hasSize(300).doesNotHaveDuplicates();
            assertThat(alice.command("MEMBERS #room-with-a-long-name-1000")).isEqualTo(
                    "OK MEMBERS #room-with-a-long-name-1000 1 alice");
        }
    }

    @Test
    void roomsAreLimitedPerUserAndInAll() {
        try (ServerProcess server = ServerProcess.start(dir, "--im.rooms.max-per-user=3", "--im.rooms.max-rooms=4");
                TestClient alice = TestClient.connect(server.port()); TestClient bob = TestClient.connect(server.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            bob.command("LOGIN bob password1");
            for (int i = 1; i <= 3; i++) {
                assertThat(alice.command("JOIN #a" + i)).startsWith("OK JOINED");
            }
            assertThat(alice.command("JOIN #a4")).startsWith("ERR TOO_MANY_ROOMS you are in 3 rooms");
            assertThat(bob.command("JOIN #b1")).startsWith("OK JOINED");
            assertThat(bob.command("JOIN #b2")).startsWith("ERR TOO_MANY_ROOMS this server has 4 rooms");
            assertThat(bob.command("JOIN #a1")).as("an existing room").startsWith("OK JOINED");
            assertThat(alice.command("LEAVE #a3")).startsWith("OK LEFT");
            assertThat(alice.command("JOIN #a4")).startsWith("OK JOINED");
        }
    }
}
