package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A login storm and a mass disconnect of many users at once never raise the server's thread
 * count past a small bound, on the JDK that runs the tests (Java 17 on CI, where the server's
 * workers are platform threads); everyone left is told {@code LEFT} of each within seconds.
 * The server runs in its own JVM, whose threads the test counts from /proc as they change.
 */
class ThreadBoundEndToEndTest {

    private static final int USERS = 1000;
    /** Threads the storms may add to an idle server's: the 64 workers, and some slack. */
    private static final int MAX_EXTRA_THREADS = 100;

    @TempDir
    Path dir;

    @AutoClose
    private ServerProcess server;

    @Test
    void aLoginStormAndAMassDisconnectKeepTheThreadCountBounded() throws Exception {
        server = ServerProcess.start(dir, "--im.throttle.enabled=false");
        try (TestClient watcher = TestClient.connect(server.port());
                ThreadCounter threads = new ThreadCounter(server.process().pid())) {
            watcher.registerAndLogin("watcher");
            int idle = threads.now();

            List<TestClient> users = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                users.add(TestClient.connect(server.port()));
                names.add(TestClient.uniqueName("storm"));
            }
            // Every REGISTER and LOGIN sent before any reply is read: a storm.
            for (int i = 0; i < USERS; i++) {
                users.get(i).send("REGISTER " + names.get(i) + " password1");
                users.get(i).send("LOGIN " + names.get(i) + " password1");
            }
            for (int i = 0; i < USERS; i++) {
                String name = names.get(i);
                users.get(i).awaitEvent(line -> line.equals("OK LOGGED_IN " + name));
            }
            int afterStorm = threads.peak();

            Set<String> left = new HashSet<>();
            long closedAt = System.nanoTime();
            users.forEach(TestClient::close);
            while (left.size() < USERS) {
                left.add(watcher.awaitEvent(line -> line.startsWith("LEFT storm")));
            }
            Duration allLeft = Duration.ofNanos(System.nanoTime() - closedAt);

            assertThat(afterStorm).as("threads after a login storm of %d (idle: %d)", USERS, idle)
                    .isLessThanOrEqualTo(idle + MAX_EXTRA_THREADS);
            assertThat(threads.peak()).as("threads during a disconnect of %d at once (idle: %d)", USERS, idle)
                    .isLessThanOrEqualTo(idle + MAX_EXTRA_THREADS);
            assertThat(allLeft).as("LEFT of all %d", USERS).isLessThan(Duration.ofSeconds(20));
            assertThat(watcher.command("PING")).isEqualTo("OK PONG");
        }
    }

    /** Reads a process's thread count from /proc every few milliseconds, keeping the highest. */
    private static final class ThreadCounter implements AutoCloseable {

        private final Path status;
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread sampler;

        ThreadCounter(long pid) {
            this.status = Path.of("/proc", String.valueOf(pid), "status");
            this.sampler = new Thread(() -> {
                while (!stop.get()) {
                    peak.accumulateAndGet(now(), Math::max);
                    // A sampling interval, not a wait for a condition: threads live far longer.
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
            }, "thread-counter");
            sampler.setDaemon(true);
            sampler.start();
        }

        int now() {
            try {
                return Files.readAllLines(status).stream().filter(line -> line.startsWith("Threads:"))
                        .mapToInt(line -> Integer.parseInt(line.substring("Threads:".length()).trim()))
                        .findFirst().orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int peak() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            sampler.join();
        }
    }
}
