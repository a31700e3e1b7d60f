package im.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.concurrent.Threads;
import im.inbox.Inbox;
import im.presence.Presence;
import im.rooms.Rooms;
import im.rooms.RoomsProperties;
import im.session.Session;
import im.testing.RecordingOutbound;
import im.testing.RedisProcess;
import im.testing.StoreDatabases;
import im.testing.TestDatabase;
import im.testing.TestLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Two nodes' rooms on one real PostgreSQL and a real Redis of the test's own, with no notices
 * between them (as when PUB/SUB drops them, or before they arrive): a room message still goes to
 * the members that joined on the other node before it was sent, and not to those that left; and
 * it does not wait for a Redis that does not answer.
 */
class RedisRoomsTest {

    @TempDir
    Path dir;

    private RedisProcess redisProcess;
    private TestDatabase roomsDatabase;
    private TestDatabase messagesDatabase;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;
    private Presence presence;
    private Inbox inbox;
    private final ExecutorService workA = Threads.fixedPool("test-cluster-a-", 1);
    private final ExecutorService workB = Threads.fixedPool("test-cluster-b-", 1);
    private final ScheduledExecutorService timer = Threads.timer("test-timer");
    private AsyncRedis asyncRedisA;
    private Rooms nodeA;
    private Rooms nodeB;

    @BeforeEach
    void start() throws IOException {
        redisProcess = RedisProcess.startOrSkip(Files.createDirectories(dir.resolve("redis")));
        roomsDatabase = StoreDatabases.open("postgres", dir);
        messagesDatabase = TestDatabase.sqlite(Files.createDirectories(dir.resolve("messages")));
        URI uri = URI.create(redisProcess.url());
        // Commands wait a minute, longer than the test: only a node's own bound can cut a wait short.
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMinutes(1)).build());
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        presence = new Presence(TestLimits.presence(), meters);
        inbox = new Inbox(messagesDatabase.messageStore(), presence, TestLimits.inbox(), TestLimits.connection(), true,
                Clock.systemUTC(), meters);
        RoomsProperties limits = new RoomsProperties(10_000, 100);
        nodeA = new Rooms(roomsDatabase.roomStore(), presence, inbox, limits);
        nodeB = new Rooms(roomsDatabase.roomStore(), presence, inbox, limits);
        // A node timeout of an hour: no reading of every room again while the test runs.
        asyncRedisA = new AsyncRedis(redis, workA);
        new RedisRooms(redis, asyncRedisA, "a", nodeA, Duration.ofHours(1), workA, timer);
        new RedisRooms(redis, new AsyncRedis(redis, workB), "b", nodeB, Duration.ofHours(1), workB, timer);
        await().atMost(Duration.ofSeconds(10)).until(asyncRedisA::connected);
    }

    @AfterEach
    void stop() throws Exception {
        timer.shutdownNow();
        workA.shutdownNow();
        workB.shutdownNow();
        if (inbox != null) {
            inbox.close();
        }
        if (connections != null) {
            connections.destroy();
        }
        if (messagesDatabase != null) {
            messagesDatabase.close();
        }
        if (roomsDatabase != null) {
            roomsDatabase.close();
        }
        if (redisProcess != null) {
            redisProcess.close();
        }
    }

    @Test
    void aMessageSentAfterAJoinOnAnotherNodeReachesTheNewMemberAndNotOneWhoLeft() throws Exception {
        Session alice = loggedIn("alice");
        Session bob = loggedIn("bob");
        Session carol = loggedIn("carol");
        nodeA.join(alice, "#team");
        nodeA.join(bob, "#team");

        nodeB.join(carol, "#team");
        nodeA.send(alice, "#team", "welcome carol", Rooms.Sent::id).get(10, TimeUnit.SECONDS);

        assertThat(RecordingOutbound.of(carol).lines()).anyMatch(line -> line.endsWith("welcome carol"));

        nodeB.leave(carol, "#team");
        nodeA.send(alice, "#team", "bye carol", Rooms.Sent::id).get(10, TimeUnit.SECONDS);

        assertThat(RecordingOutbound.of(bob).lines()).anyMatch(line -> line.endsWith("bye carol"));
        assertThat(RecordingOutbound.of(carol).lines()).noneMatch(line -> line.endsWith("bye carol"));
    }

    @Test
    void aRoomMessageGoesToTheMembersThisNodeKnowsWhenRedisDoesNotAnswer() throws Exception {
        Session alice = loggedIn("alice");
        Session bob = loggedIn("bob");
        nodeA.join(alice, "#team");
        nodeA.join(bob, "#team");
        redisProcess.freeze();
        try {
            // The node's connection stays open and gets no answer; the message goes without one.
            assertThat(nodeA.send(alice, "#team", "while redis is frozen", Rooms.Sent::id).get(10, TimeUnit.SECONDS))
                    .isNotBlank();
            assertThat(RecordingOutbound.of(bob).lines()).anyMatch(line -> line.endsWith("while redis is frozen"));
        } finally {
            redisProcess.thaw();
        }
    }

    private Session loggedIn(String name) {
        Session session = RecordingOutbound.session(name + System.nanoTime());
        presence.login(session, name, Session.DEFAULT_DEVICE);
        return session;
    }
}
