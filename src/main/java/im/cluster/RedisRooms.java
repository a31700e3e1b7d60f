package im.cluster;

import im.rooms.Rooms;
import im.rooms.RoomsCluster;
import im.throttle.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Room changes across nodes: each join or leave is published on Redis's {@code im:rooms}
 * ({@code node room user event}); the other nodes read that room again from PostgreSQL and
 * announce the event to their sessions. PUB/SUB may drop a notice, so every node also reads all
 * rooms again at each heartbeat (a third of the node timeout). Everything runs on the cluster's
 * one work thread.
 */
final class RedisRooms implements RoomsCluster, MessageListener {

    static final String CHANNEL = "im:rooms";
    private static final Logger log = LoggerFactory.getLogger(RedisRooms.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));

    private final StringRedisTemplate redis;
    private final String nodeId;
    private final Rooms rooms;
    private final Executor work;

    RedisRooms(StringRedisTemplate redis, String nodeId, Rooms rooms, Duration nodeTimeout, Executor work,
            ScheduledExecutorService timer) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.rooms = rooms;
        this.work = work;
        rooms.joinCluster(this);
        long every = Math.max(100, nodeTimeout.toMillis() / 3);
        timer.scheduleWithFixedDelay(() -> work.execute(() -> quietly("reading the rooms again", rooms::reloadAll)),
                every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void changed(String roomKey, String user, String event) {
        work.execute(() -> quietly("publishing a room change",
                () -> redis.convertAndSend(CHANNEL, nodeId + " " + roomKey + " " + user + " " + event)));
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String[] words = new String(message.getBody(), StandardCharsets.UTF_8).split(" ", 4);
        if (words.length == 4 && !words[0].equals(nodeId)) {
            work.execute(() -> quietly("reading a changed room", () -> rooms.changedElsewhere(words[1], words[2],
                    words[3])));
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
