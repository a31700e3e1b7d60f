package im.cluster;

import im.inbox.Inbox;
import im.inbox.store.MessageStore;
import im.throttle.RateLimitedLog;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * Sends each batch this node stored to the others whole, on Redis's {@code im:stored}, so that
 * they index and deliver it at once without reading it back from PostgreSQL. A batch sent is
 * only a shortcut: PUB/SUB may drop it, and a node that finds a gap before a batch it got, or
 * looks at its regular time ({@code im.cluster.catch-up-every}), reads what it lacks from
 * PostgreSQL by position. Batches go out in the order they were stored, from the writer's thread,
 * without waiting for Redis's reply: Lettuce keeps a connection's commands in order.
 */
final class StoredNotices implements MessageListener {

    static final String CHANNEL = "im:stored";
    private static final byte[] CHANNEL_BYTES = CHANNEL.getBytes(StandardCharsets.UTF_8);
    private static final Logger log = LoggerFactory.getLogger(StoredNotices.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));

    /** Notices not yet answered, past which more are dropped: Lettuce queues commands while Redis is away. */
    private static final int MAX_IN_FLIGHT = 10_000;

    private final AsyncRedis redis;
    private final String nodeId;
    private final byte[] nodeIdBytes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Inbox inbox;

    StoredNotices(AsyncRedis redis, String nodeId) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.nodeIdBytes = nodeId.getBytes(StandardCharsets.UTF_8);
    }

    /** Where the other nodes' batches go, once the inbox exists. */
    void deliverTo(Inbox inbox) {
        this.inbox = inbox;
        redis.connectSoon();
    }

    /** After a write, on the inbox writer's thread: sends the batch to the other nodes. */
    void stored(MessageStore.Batch batch) {
        RedisClusterAsyncCommands<byte[], byte[]> to = redis.commands();
        if (to == null) {
            return;
        }
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            failures.error("Redis has not answered " + MAX_IN_FLIGHT + " stored batches; the other nodes read the"
                    + " next ones from the database at their next look", null);
            return;
        }
        ByteBuffer message = ByteBuffer.allocate(2 + nodeIdBytes.length + 24 + batch.body().length);
        message.putShort((short) nodeIdBytes.length).put(nodeIdBytes);
        message.putLong(batch.first()).putLong(batch.last()).putLong(batch.sentAt()).put(batch.body());
        inFlight.incrementAndGet();
        to.publish(CHANNEL_BYTES, message.array()).whenComplete((receivers, failed) -> {
            inFlight.decrementAndGet();
            if (failed != null) {
                failures.error("Redis failed sending a stored batch to the other nodes; they read it from the"
                        + " database at their next look", failed);
            }
        });
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Inbox target = inbox;
        ByteBuffer in = ByteBuffer.wrap(message.getBody());
        byte[] from = new byte[in.getShort()];
        in.get(from);
        if (target == null || nodeId.equals(new String(from, StandardCharsets.UTF_8))) {
            return;
        }
        long first = in.getLong();
        long last = in.getLong();
        long sentAt = in.getLong();
        byte[] body = new byte[in.remaining()];
        in.get(body);
        target.otherNodeStored(new MessageStore.Batch(first, last, sentAt, body));
    }
}
