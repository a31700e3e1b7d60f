package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import im.testing.ServerProcess;
import im.testing.TestClient;
import im.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL of the test's own (.ci/postgres.sh, the distribution's packages), stopped under
 * two nodes and started again: a SEND meanwhile is refused with STORE_UNAVAILABLE, never
 * acknowledged, and once the database is back messages are stored and delivered across the
 * nodes again without a restart or a new login.
 */
class ClusterPostgresDownEndToEndTest {

    @TempDir
    Path dir;

    private Path postgres;
    private TestCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (postgres != null) {
            script("stop");
        }
    }

    @Test
    void storeUnavailableWhileItIsDownAndEverythingWorksAgainWhenItIsBack() throws Exception {
        String redis = System.getenv(TestCluster.REDIS_URL_VARIABLE);
        assumeTrue(redis != null && !redis.isBlank(), "IM_TEST_REDIS_URL names the cluster's Redis");
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/postgresql")), "PostgreSQL is installed");
        postgres = Files.createTempDirectory(Path.of("target"), "pg-down-").toAbsolutePath();
        String url = script("start");
        cluster = TestCluster.on(dir, url, redis);
        ServerProcess one = cluster.start("one");
        ServerProcess two = cluster.start("two");
        try (TestClient alice = TestClient.connect(one.port()); TestClient bob = TestClient.connect(two.port())) {
            TestCluster.aliceAndBobOnline(alice, bob);
            assertThat(alice.command("SEND bob before")).startsWith("OK SENT bob ");
            assertThat(bob.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" alice bob before");

            script("pause");
            assertThat(alice.command("SEND bob while it is down")).startsWith("ERR STORE_UNAVAILABLE");
            script("resume");

            await().atMost(Duration.ofSeconds(30)).until(() -> alice.command("SEND bob after").startsWith("OK SENT bob "));
            assertThat(bob.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" alice bob after");
            assertThat(bob.command("PING")).isEqualTo("OK PONG");
            assertThat(bob.events()).noneMatch(line -> line.endsWith("while it is down"));
        }
    }

    private String script(String action) throws Exception {
        Process process = new ProcessBuilder("bash", ".ci/postgres.sh", action, postgres.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(".ci/postgres.sh " + action).isZero();
        return output;
    }
}
