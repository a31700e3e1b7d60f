package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent registrations, and no rate limit on normal use from one host. */
class RegistrationEndToEndTest extends ServerTestSupport {

    @Test
    void ofManyConnectionsRegisteringOneNameAtOnceExactlyOneWins() throws Exception {
        String name = TestClient.uniqueName("race");
        int racers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Callable<String>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String spelled = i % 2 == 0 ? name : name.toUpperCase();
            attempts.add(() -> {
                // An address of its own: the taken names count against it, as probes would.
                try (TestClient client = TestClient.connectFrom("127.0.0.23", port)) {
                    start.await();
                    return client.command("REGISTER " + spelled + " s3cretpass");
                }
            });
        }
        List<Future<String>> results = new ArrayList<>();
        for (Callable<String> attempt : attempts) {
            results.add(pool.submit(attempt));
        }
        start.countDown();
        List<String> replies = new ArrayList<>();
        for (Future<String> result : results) {
            replies.add(result.get());
        }
        pool.shutdown();
        assertThat(replies).filteredOn(reply -> reply.startsWith("OK REGISTERED")).hasSize(1);
        // The rest lose, or are refused at once: more than two passwords of one address are not hashed at once.
        assertThat(replies).filteredOn(reply -> !reply.startsWith("OK REGISTERED")).hasSize(racers - 1)
                .allMatch(reply -> reply.startsWith("ERR USERNAME_TAKEN") || reply.startsWith("ERR RATE_LIMITED"));
    }

    @Test
    void twoHundredUsersRegisterAndLogInFromOneHostWithoutBeingRateLimited() {
        try (TestClient client = TestClient.connect(port)) {
            for (int i = 0; i < 200; i++) {
                String name = TestClient.uniqueName("many");
                assertThat(client.command("REGISTER " + name + " s3cretpass")).isEqualTo("OK REGISTERED " + name);
                assertThat(client.command("LOGIN " + name + " s3cretpass")).isEqualTo("OK LOGGED_IN " + name);
                assertThat(client.command("LOGOUT")).isEqualTo("OK LOGGED_OUT");
            }
        }
    }
}
