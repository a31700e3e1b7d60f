package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import im.testing.ServerProcess;
import im.testing.TestClient;
import im.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes as separate processes from the built jar, on one PostgreSQL and one Redis (both
 * started by .ci/run): presence, messages, registration, devices and their cursors across
 * nodes, and a node killed during traffic.
 */
class ClusterEndToEndTest {

    @TempDir
    Path dir;

    private TestCluster cluster;
    private ServerProcess one;
    private ServerProcess two;
    private ServerProcess three;

    @BeforeEach
    void startThreeNodes() {
        cluster = TestCluster.create(dir);
        assumeTrue(cluster != null, "IM_TEST_POSTGRES_URL and IM_TEST_REDIS_URL name the cluster's stores");
        // A long first backoff: a guess right after the free ones is refused however slow the machine.
        String backoff = "--im.throttle.login-backoff-initial=1m";
        one = cluster.start("one", backoff);
        two = cluster.start("two", backoff);
        three = cluster.start("three", backoff);
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void presenceIsClusterWide() {
        try (TestClient bob = TestClient.connect(two.port()); TestClient alice = TestClient.connect(one.port());
                TestClient carol = TestClient.connect(three.port())) {
            bob.command("REGISTER bob password1");
            alice.command("REGISTER alice password1");
            carol.command("REGISTER carol password1");
            assertThat(bob.command("LOGIN bob password1")).isEqualTo("OK LOGGED_IN bob");
            assertThat(alice.command("LOGIN alice password1")).isEqualTo("OK LOGGED_IN alice");
            bob.awaitEvent("JOINED alice");
            assertThat(carol.command("LOGIN carol password1")).isEqualTo("OK LOGGED_IN carol");
            alice.awaitEvent("JOINED carol");
            bob.awaitEvent("JOINED carol");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(carol.command("LIST_ONLINE")).isEqualTo("OK ONLINE 3 alice bob carol"));

            // A second session elsewhere: no JOINED; its end while the first stays: no LEFT.
            try (TestClient aliceAgain = TestClient.connect(three.port())) {
                assertThat(aliceAgain.command("LOGIN alice password1 tablet")).isEqualTo("OK LOGGED_IN alice");
                assertThat(aliceAgain.command("QUIT")).startsWith("OK");
            }
            assertThat(alice.command("QUIT")).startsWith("OK");
            String left = bob.awaitEvent(line -> line.startsWith("LEFT ") || line.startsWith("JOINED "));
            assertThat(left).isEqualTo("LEFT alice");
            carol.awaitEvent("LEFT alice");
            assertThat(bob.events()).doesNotContain("JOINED alice", "LEFT alice");
        }
    }

    @Test
    void aThousandDirectMessagesCrossNodesInOrderNoneLost() {
        int count = 1000;
        try (TestClient alice = TestClient.connect(one.port()); TestClient bob = TestClient.connect(two.port())) {
            TestCluster.aliceAndBobOnline(alice, bob);
            for (int i = 0; i < count; i++) {
                alice.send("SEND bob number " + i);
            }
            for (int i = 0; i < count; i++) {
                assertThat(alice.reply()).startsWith("OK SENT bob ");
            }
            for (int i = 0; i < count; i++) {
                String line = bob.awaitEvent(event -> event.startsWith("MSG "));
                assertThat(line).endsWith(" alice bob number " + i);
            }
        }
    }

    @Test
    void concurrentRegistrationsOfOneNameOnThreeNodesHaveExactlyOneWinner() throws Exception {
        List<ServerProcess> nodes = List.of(one, two, three);
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            for (int round = 0; round < 10; round++) {
                String name = "racer" + round;
                List<Future<String>> replies = new ArrayList<>();
                for (ServerProcess node : nodes) {
                    Callable<String> register = () -> {
                        try (TestClient client = TestClient.connect(node.port())) {
                            return client.command("REGISTER " + name + " password1");
                        }
                    };
                    replies.add(threads.submit(register));
                }
                List<String> answers = new ArrayList<>();
                for (Future<String> reply : replies) {
                    answers.add(reply.get());
                }
                assertThat(answers).as("answers to REGISTER %s", name)
                        .filteredOn(answer -> answer.startsWith("OK REGISTERED")).hasSize(1);
                assertThat(answers).as("answers to REGISTER %s", name)
                        .filteredOn(answer -> answer.startsWith("ERR USERNAME_TAKEN")).hasSize(2);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDeviceThatAcknowledgedOnOneNodeGetsOnlyTheRestOnAnother() {
        try (TestClient alice = TestClient.connect(three.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            String firstId;
            try (TestClient phone = TestClient.connect(one.port()); TestClient laptop = TestClient.connect(two.port())) {
                assertThat(phone.command("LOGIN bob password1 phone")).isEqualTo("OK LOGGED_IN bob");
                assertThat(laptop.command("LOGIN bob password1 laptop")).isEqualTo("OK LOGGED_IN bob");
                String first = alice.command("SEND bob first");
                firstId = first.substring(first.lastIndexOf(' ') + 1);
                assertThat(phone.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" alice bob first");
                assertThat(laptop.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" alice bob first");
                assertThat(phone.command("ACK " + firstId)).startsWith("OK");
                assertThat(alice.command("SEND bob second")).startsWith("OK SENT bob ");
                assertThat(phone.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" alice bob second");
                phone.command("QUIT");
            }
            try (TestClient phone = TestClient.connect(two.port())) {
                assertThat(phone.command("LOGIN bob password1 phone")).isEqualTo("OK LOGGED_IN bob");
                String replayed = phone.awaitEvent(line -> line.startsWith("MSG "));
                assertThat(replayed).endsWith(" alice bob second");
                assertThat(phone.command("PING")).isEqualTo("OK PONG");
                assertThat(phone.events()).noneMatch(line -> line.endsWith(" alice bob first"));
            }
        }
    }

    @Test
    void aKilledNodesUsersGoOfflineWithinTheTimeoutAndWhatItAcknowledgedIsDelivered() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        try (TestClient bob = TestClient.connect(two.port()); TestClient alice = TestClient.connect(one.port())) {
            bob.command("REGISTER bob password1");
            alice.command("REGISTER alice password1");
            bob.command("LOGIN bob password1");
            alice.command("LOGIN alice password1");
            bob.awaitEvent("JOINED alice");
            for (int i = 0; i < 100; i++) {
                alice.send("SEND bob burst " + i);
            }
            // The node dies mid-burst: whatever alice heard OK for must reach bob.
            for (int i = 0; i < 50; i++) {
                String reply = alice.reply();
                assertThat(reply).startsWith("OK SENT bob ");
                acknowledged.add("burst " + i);
            }
            one.process().destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            bob.awaitEvent("LEFT alice");
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
            // The other two stop listening to its stored batches as they drop it.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(cluster.listenersOf("im:stored:one")).isZero());
        }
        try (TestClient bob = TestClient.connect(three.port())) {
            bob.command("LOGIN bob password1 other");
            // Each node drops the dead one at its own next heartbeat, within the node timeout.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(bob.command("LIST_ONLINE")).isEqualTo("OK ONLINE 1 bob"));
            bob.events().clear();
            assertThat(bob.command("HISTORY alice 100")).startsWith("OK HISTORY ");
            List<String> texts = bob.events().stream().filter(line -> line.startsWith("MSG "))
                    .map(line -> line.substring(line.indexOf(" alice bob ") + " alice bob ".length())).toList();
            assertThat(texts).containsAll(acknowledged);
        }
    }

    @Test
    void aNodeStoppedGracefullyLeavesTheClusterBeforeItExits() throws Exception {
        try (TestClient bob = TestClient.connect(two.port()); TestClient alice = TestClient.connect(one.port())) {
            TestCluster.aliceAndBobOnline(alice, bob);
            assertThat(cluster.redisAnswer("EXISTS", "im:node:one")).isEqualTo(":1");
            // Each node listens to the batches of the two others, never to its own.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (String node : List.of("one", "two", "three")) {
                    assertThat(cluster.listenersOf("im:stored:" + node)).as(node).isEqualTo(2);
                }
            });

            one.process().destroy();
            assertThat(one.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

            bob.awaitEvent("LEFT alice");
            // Gone at once, not when its key expires after the node timeout.
            assertThat(cluster.redisAnswer("EXISTS", "im:node:one")).isEqualTo(":0");
            assertThat(cluster.redisAnswer("SISMEMBER", "im:nodes", "one")).isEqualTo(":0");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(cluster.listenersOf("im:stored:one")).isZero());
            assertThat(one.log()).contains("Said BYE").doesNotContain("Redis failed");
        }
    }

    @Test
    void roomMembershipEventsAndMessagesAreClusterWide() {
        try (TestClient alice = TestClient.connect(one.port()); TestClient bob = TestClient.connect(two.port());
                TestClient carol = TestClient.connect(three.port())) {
            for (String name : List.of("alice", "bob", "carol")) {
                alice.command("REGISTER " + name + " password1");
            }
            alice.command("LOGIN alice password1");
            bob.command("LOGIN bob password1");
            carol.command("LOGIN carol password1");
            assertThat(alice.command("JOIN #Team")).isEqualTo("OK JOINED #Team");
            assertThat(bob.command("JOIN #team")).isEqualTo("OK JOINED #Team");
            alice.awaitEvent("ROOM_JOINED #Team bob");
            assertThat(carol.command("JOIN #TEAM")).isEqualTo("OK JOINED #Team");
            alice.awaitEvent("ROOM_JOINED #Team carol");
            bob.awaitEvent("ROOM_JOINED #Team carol");
            assertThat(carol.command("MEMBERS #team")).isEqualTo("OK MEMBERS #Team 3 alice bob carol");

            assertThat(bob.command("SEND #team hello from two")).startsWith("OK SENT #Team ");
            assertThat(alice.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" bob #Team hello from two");
            assertThat(carol.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" bob #Team hello from two");

            assertThat(alice.command("LEAVE #team")).isEqualTo("OK LEFT #Team");
            bob.awaitEvent("ROOM_LEFT #Team alice");
            carol.awaitEvent("ROOM_LEFT #Team alice");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(bob.command("MEMBERS #team")).isEqualTo("OK MEMBERS #Team 2 bob carol"));
            assertThat(carol.command("SEND #team without alice")).startsWith("OK SENT #Team ");
            assertThat(bob.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" carol #Team without alice");
            assertThat(alice.command("PING")).isEqualTo("OK PONG");
            assertThat(alice.events()).noneMatch(line -> line.endsWith("without alice"));
        }
    }

    @Test
    void guessesAtOneAccountCountOnEveryNodeTogether() {
        List<ServerProcess> nodes = List.of(one, two, three);
        try (TestClient setup = TestClient.connect(one.port())) {
            setup.command("REGISTER alice password1");
        }
        // Five free failures in all (the default), spread over the three nodes.
        for (int guess = 0; guess < 5; guess++) {
            try (TestClient guesser = TestClient.connect(nodes.get(guess % 3).port())) {
                assertThat(guesser.command("LOGIN alice wrong" + guess)).startsWith("ERR BAD_CREDENTIALS");
            }
        }
        for (ServerProcess node : nodes) {
            try (TestClient guesser = TestClient.connect(node.port())) {
                assertThat(guesser.command("LOGIN alice wrong-again")).startsWith("ERR RATE_LIMITED");
            }
        }
    }

    @Test
    void aLoginAtTheCapOnANodeWithoutSessionsOfTheUserEndsOneOnAnotherNode() {
        try (TestClient first = TestClient.connect(one.port())) {
            first.command("REGISTER alice password1");
            assertThat(first.command("LOGIN alice password1 d0")).isEqualTo("OK LOGGED_IN alice");
            List<TestClient> others = new ArrayList<>();
            try {
                sevenMoreSessionsOfAlice(List.of(one), others);
                awaitClusterSessions(three, 8);
                logInAtTheCap(three, others, first);
                awaitClusterSessions(two, 8);
            } finally {
                others.forEach(TestClient::close);
            }
        }
    }

    @Test
    void theSessionCapHoldsAcrossNodes() {
        try (TestClient first = TestClient.connect(one.port()); TestClient watcher = TestClient.connect(three.port())) {
            first.command("REGISTER alice password1");
            first.command("REGISTER bob password1");
            watcher.command("LOGIN bob password1");
            assertThat(first.command("LOGIN alice password1 d0")).isEqualTo("OK LOGGED_IN alice");
            watcher.awaitEvent("JOINED alice");
            List<TestClient> others = new ArrayList<>();
            try {
                sevenMoreSessionsOfAlice(List.of(two, three), others);
                awaitClusterSessions(three, 9);
                // The oldest session on the node where the login happens makes room: here, the first one.
                logInAtTheCap(one, others, first);
                awaitClusterSessions(three, 9);
                assertThat(watcher.events()).doesNotContain("LEFT alice");
            } finally {
                others.forEach(TestClient::close);
            }
        }
    }

    @Test
    void healthNamesRedisAndTheDatabaseAndOnlineCountsTheCluster() {
        assertThat(two.http("/actuator/health")).containsPattern("\"redis\":\\{\"details\":\\{[^}]*},\"status\":\"UP\"")
                .containsPattern("\"db\":\\{\"details\":\\{[^}]*\"PostgreSQL\"[^}]*},\"status\":\"UP\"");
        try (TestClient alice = TestClient.connect(one.port()); TestClient bob = TestClient.connect(two.port())) {
            alice.command("REGISTER alice password1");
            alice.command("REGISTER bob password1");
            alice.command("LOGIN alice password1");
            bob.command("LOGIN bob password1");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String online = three.http("/actuator/online");
                assertThat(online).startsWith("{\"users\":0,\"sessions\":0,");
                assertThat(cluster(online, "users")).isEqualTo(2);
                assertThat(cluster(online, "sessions")).isEqualTo(2);
            });
        }
    }

    /** Alice's devices d1 to d7 (the default cap is 8 with d0), device i on {@code nodes[i % n]}. */
    private static void sevenMoreSessionsOfAlice(List<ServerProcess> nodes, List<TestClient> opened) {
        for (int i = 1; i < 8; i++) {
            TestClient more = TestClient.connect(nodes.get(i % nodes.size()).port());
            opened.add(more);
            assertThat(more.command("LOGIN alice password1 d" + i)).isEqualTo("OK LOGGED_IN alice");
        }
    }

    /** Alice's ninth login, on {@code node}: it gets in, and {@code oldest} is ended to make room. */
    private static void logInAtTheCap(ServerProcess node, List<TestClient> opened, TestClient oldest) {
        TestClient ninth = TestClient.connect(node.port());
        opened.add(ninth);
        assertThat(ninth.command("LOGIN alice password1 d8")).isEqualTo("OK LOGGED_IN alice");
        assertThat(oldest.awaitEvent(line -> line.startsWith("BYE "))).startsWith("BYE session limit");
    }

    private static void awaitClusterSessions(ServerProcess node, int sessions) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(cluster(node.http("/actuator/online"), "sessions")).isEqualTo(sessions));
    }

    /** A count of the cluster's in /actuator/online's answer. */
    private static int cluster(String online, String count) {
        String part = online.substring(online.indexOf("\"cluster\""));
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("\"" + count + "\":(\\d+)").matcher(part);
        assertThat(number.find()).as(online).isTrue();
        return Integer.parseInt(number.group(1));
    }
}
