package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import im.testing.RedisProcess;
import im.testing.ServerProcess;
import im.testing.TestClient;
import im.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis of the test's own (the distribution's redis-server, which .ci/run installs), stopped
 * and started again while messages flow between two nodes: every acknowledged message reaches
 * the recipient, in order, without a new login; nobody is announced gone, and presence across
 * nodes works again after.
 */
class ClusterRedisRestartEndToEndTest {

    @TempDir
    Path dir;

    private RedisProcess redis;
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void nothingAcknowledgedIsLostAndLiveDeliveryComesBackWithoutANewLogin() throws Exception {
        assumeTrue(RedisProcess.installed(), "redis-server is installed");
        redis = RedisProcess.start(dir);
        cluster = TestCluster.withRedis(dir, redis.url());
        assumeTrue(cluster != null, "IM_TEST_POSTGRES_URL names the cluster's database");
        ServerProcess one = cluster.start("one");
        ServerProcess two = cluster.start("two");
        try (TestClient alice = TestClient.connect(one.port()); TestClient bob = TestClient.connect(two.port())) {
            TestCluster.aliceAndBobOnline(alice, bob);

            List<String> acknowledged = new ArrayList<>();
            send(alice, acknowledged, 0, 100);
            redis.kill();
            send(alice, acknowledged, 100, 200);
            redis.restart();
            send(alice, acknowledged, 200, 300);

            for (String text : acknowledged) {
                assertThat(bob.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" alice bob " + text);
            }
            // Presence across nodes is back too: a login on one reaches bob on two.
            try (TestClient carol = TestClient.connect(one.port())) {
                carol.command("REGISTER carol password1");
                carol.command("LOGIN carol password1");
                bob.awaitEvent("JOINED carol");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(bob.command("LIST_ONLINE")).isEqualTo("OK ONLINE 2 alice bob"));
            // Redis forgetting who is alive is no reason to announce anybody gone.
            assertThat(alice.command("PING")).isEqualTo("OK PONG");
            assertThat(alice.events()).doesNotContain("LEFT bob");
            assertThat(bob.events()).doesNotContain("LEFT alice");
            // Each node listens to the other's stored batches again.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(cluster.listenersOf("im:stored:one")).isEqualTo(1);
                assertThat(cluster.listenersOf("im:stored:two")).isEqualTo(1);
            });
        }
    }

    private static void send(TestClient from, List<String> acknowledged, int first, int end) {
        for (int i = first; i < end; i++) {
            from.send("SEND bob number " + i);
        }
        for (int i = first; i < end; i++) {
            assertThat(from.reply()).startsWith("OK SENT bob ");
            acknowledged.add("number " + i);
        }
    }
}
