package im.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A Redis of a test's own (Debian's {@code redis-server}, which .ci/run installs), without
 * persistence, on a free loopback port: for the tests that stop, restart or freeze it.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final Path dir;
    private final int port;
    private Process process;

    private RedisProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(SERVER);
    }

    /**
     * Starts one, or skips the test where {@code redis-server} is not installed; never on CI,
     * which installs it.
     */
    public static RedisProcess startOrSkip(Path dir) throws IOException {
        if (!installed()) {
            assertThat(System.getenv("CI")).as("CI runs the cluster tests: .ci/run installs redis-server")
                    .isNotEqualTo("true");
            Assumptions.abort("no redis-server installed (.ci/redis.sh installs it)");
        }
        return start(dir);
    }

    /** Starts one on a free port, keeping its log in {@code dir}. */
    public static RedisProcess start(Path dir) throws IOException {
        RedisProcess redis = new RedisProcess(dir, ServerProcess.freePort());
        redis.restart();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it again, empty, on the same port, once it has stopped. */
    public void restart() throws IOException {
        process = new ProcessBuilder(SERVER.toString(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis-" + System.nanoTime() + ".log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).until(this::accepts);
    }

    /** Kills it as a crash would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Freezes it (SIGSTOP): connections stay open and nothing is answered, as on a stalled machine. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen one go on (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    private boolean accepts() {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
