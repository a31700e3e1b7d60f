package im.cluster;

import im.rooms.Rooms;
import im.rooms.RoomsCluster;
import im.throttle.RateLimitedLog;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Room changes across nodes. Each join or leave, once stored, moves the room's version in Redis's
 * {@code im:room-versions} hash before its {@code OK}, and is then published on {@code im:rooms}
 * ({@code node version room user event}); the other nodes read that room again from PostgreSQL and
 * announce the event to their sessions. Before a room message, a node compares the room's version
 * in Redis with the one its copy holds and reads the room again if they differ, so a message sent
 * after a join was answered anywhere reaches the new member even when the notice is late or lost.
 * Every node also reads all rooms again at each heartbeat (a third of the node timeout). The
 * reads and writes run on the cluster's one work thread; the check before a message, on Lettuce's.
 */
final class RedisRooms implements RoomsCluster, MessageListener {

    static final String CHANNEL = "im:rooms";
    static final String VERSIONS = "im:room-versions";
    private static final byte[] VERSIONS_BYTES = VERSIONS.getBytes(StandardCharsets.UTF_8);
    private static final Logger log = LoggerFactory.getLogger(RedisRooms.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));
    /** How long a room message waits for Redis's version before going by this node's copy. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(200);
    /** After a check Redis failed, how long messages go by this node's copy without asking. */
    private static final Duration SKIP_CHECKS_AFTER_FAILURE = Duration.ofSeconds(1);

    private final StringRedisTemplate redis;
    private final AsyncRedis asyncRedis;
    private final String nodeId;
    private final Rooms rooms;
    private final Executor work;
    /** Room key → the version this node's copy of the room holds at least (none: 0, as Redis's). */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private volatile long checksResumeAt = System.nanoTime();

    RedisRooms(StringRedisTemplate redis, AsyncRedis asyncRedis, String nodeId, Rooms rooms, Duration nodeTimeout,
            Executor work, ScheduledExecutorService timer) {
        this.redis = redis;
        this.asyncRedis = asyncRedis;
        this.nodeId = nodeId;
        this.rooms = rooms;
        this.work = work;
        rooms.joinCluster(this);
        asyncRedis.connectSoon();
        long every = Math.max(100, nodeTimeout.toMillis() / 3);
        timer.scheduleWithFixedDelay(() -> work.execute(() -> quietly("reading the rooms again", rooms::reloadAll)),
                every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Void> changed(String roomKey, String user, String event) {
        CompletableFuture<Void> told = new CompletableFuture<>();
        work.execute(() -> {
            try {
                quietly("recording a room change", () -> {
                    long version = redis.opsForHash().increment(VERSIONS, roomKey, 1);
                    // This node's copy has the change; it has the ones before only if it held the last of them.
                    held.computeIfPresent(roomKey, (key, had) -> had == version - 1 ? version : had);
                    redis.convertAndSend(CHANNEL, nodeId + " " + version + " " + roomKey + " " + user + " " + event);
                });
            } finally {
                told.complete(null);
            }
        });
        return told;
    }

    @Override
    public CompletableFuture<Void> current(String roomKey) {
        RedisClusterAsyncCommands<byte[], byte[]> commands = asyncRedis.commands();
        if (commands == null || System.nanoTime() - checksResumeAt < 0) {
            return DONE;
        }
        CompletableFuture<Void> current = new CompletableFuture<>();
        commands.hget(VERSIONS_BYTES, roomKey.getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                .orTimeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((value, failed) -> {
                    if (failed != null) {
                        checksResumeAt = System.nanoTime() + SKIP_CHECKS_AFTER_FAILURE.toNanos();
                        failures.error("Redis did not give a room's version; room messages go to the members this"
                                + " node knows until it does", failed);
                        current.complete(null);
                        return;
                    }
                    long version = value == null ? 0 : Long.parseLong(new String(value, StandardCharsets.US_ASCII));
                    if (version == held.getOrDefault(roomKey, 0L)) {
                        current.complete(null);
                        return;
                    }
                    work.execute(() -> {
                        try {
                            // The database has at least this version: Redis moves it after the write.
                            quietly("reading a changed room", () -> rooms.reload(roomKey));
                            held.put(roomKey, version);
                        } finally {
                            current.complete(null);
                        }
                    });
                });
        return current;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String[] words = new String(message.getBody(), StandardCharsets.UTF_8).split(" ", 5);
        if (words.length == 5 && !words[0].equals(nodeId)) {
            long version = Long.parseLong(words[1]);
            work.execute(() -> quietly("reading a changed room", () -> {
                rooms.changedElsewhere(words[2], words[3], words[4]);
                held.merge(words[2], version, Math::max);
            }));
        }
    }

    private static void quietly(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failures.error("Failed " + what + "; rooms across nodes catch up at the next look", e);
        }
    }
}
