package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing and the work it makes, each against a fresh server: guesses sent all at once
 * meet the same limits as guesses one after another, a storm of logins from a few addresses is
 * refused at once instead of starving everyone's login, names cannot be probed by REGISTER, and
 * passwords that are not UTF-8 cannot stand in for one another.
 */
class GuessingEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void sixtyGuessesSentAtOnceAreHashedNoMoreThanTheFreeFailuresAllow() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir); TestClient setup = TestClient.connect(server.port())) {
            setup.command("REGISTER carol password1");
            List<String> replies = allAtOnce(60, i -> {
                try (TestClient guesser = TestClient.connectFrom("127.0.0.7", server.port())) {
                    return guesser.command("LOGIN carol guess" + i + "xx");
                }
            });
            assertThat(replies).filteredOn(reply -> reply.startsWith("ERR BAD_CREDENTIALS")).hasSizeLessThanOrEqualTo(5);
            assertThat(replies).filteredOn(reply -> reply.startsWith("ERR RATE_LIMITED")).hasSizeGreaterThanOrEqualTo(55);
            assertThat(setup.command("LOGIN carol password1")).as("the owner, from elsewhere").isEqualTo("OK LOGGED_IN carol");
        }
    }

    @Test
    void aLoginStormFromFourAddressesIsRefusedAtOnceAndARealLoginStillGetsIn() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--im.auth.pbkdf2-iterations=100000");
                TestClient dave = TestClient.connect(server.port())) {
            dave.command("REGISTER dave password1");
            ExecutorService storm = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> stormReplies = new ArrayList<>();
            for (int a = 0; a < 4; a++) {
                String address = "127.0.1." + (a + 1);
                stormReplies.add(storm.submit(() -> unknownLogins(address, server.port(), 50, 4)));
            }
            assertThat(dave.command("LOGIN dave password1")).isEqualTo("OK LOGGED_IN dave");
            List<String> replies = new ArrayList<>();
            for (Future<List<String>> reply : stormReplies) {
                replies.addAll(reply.get());
            }
            storm.shutdown();
            assertThat(replies).hasSize(800);
            assertThat(replies).filteredOn(reply -> reply.startsWith("ERR RATE_LIMITED")).hasSizeGreaterThan(700);
        }
    }

    @Test
    void registeringTakenNamesCountsLikeFailedLogins() {
        try (ServerProcess server = ServerProcess.start(dir);
                TestClient prober = TestClient.connectFrom("127.0.0.8", server.port())) {
            prober.command("REGISTER erin password1");
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                replies.add(prober.command("REGISTER erin password1"));
            }
            assertThat(replies.subList(0, 10)).allMatch(reply -> reply.startsWith("ERR USERNAME_TAKEN"));
            assertThat(replies.subList(10, 30)).allMatch(reply -> reply.startsWith("ERR RATE_LIMITED"));
        }
    }

    @Test
    void passwordsThatAreNotUtf8AreRefusedSoThatTheyCannotMatchEachOther() {
        try (ServerProcess server = ServerProcess.start(dir); TestClient client = TestClient.connect(server.port())) {
            byte[] latin1 = "REGISTER frank \u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\n".getBytes(StandardCharsets.ISO_8859_1);
            client.sendRaw(latin1);
            assertThat(client.reply()).startsWith("ERR INVALID_PASSWORD").contains("UTF-8");
            client.command("REGISTER frank password1");
            client.sendRaw("LOGIN frank \u00f6\u00f6\u00f6\u00f6\u00f6\u00f6\u00f6\u00f6\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(client.reply()).startsWith("ERR INVALID_PASSWORD");
        }
    }

    /** {@code connections} connections from {@code address}, each sending {@code each} LOGINs of unknown users at once. */
    private static List<String> unknownLogins(String address, int port, int connections, int each) {
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                clients.add(TestClient.connectFrom(address, port));
            }
            for (TestClient client : clients) {
                client.sendRaw(("LOGIN nobody wrongpassword\n").repeat(each).getBytes(StandardCharsets.UTF_8));
            }
            List<String> replies = new ArrayList<>();
            for (TestClient client : clients) {
                for (int i = 0; i < each; i++) {
                    replies.add(client.reply());
                }
            }
            return replies;
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    private interface Attempt {
        String run(int i) throws Exception;
    }

    private static List<String> allAtOnce(int count, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> attempt.run(n)));
        }
        List<String> replies = new ArrayList<>();
        for (Future<String> future : futures) {
            replies.add(future.get());
        }
        pool.shutdown();
        return replies;
    }
}
