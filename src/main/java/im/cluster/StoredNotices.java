package im.cluster;

import im.inbox.Inbox;
import im.inbox.store.MessageStore;
import im.throttle.RateLimitedLog;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

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

    private final StringRedisTemplate redis;
    private final String nodeId;
    private final byte[] nodeIdBytes;
    private final Executor connecting;
    private final AtomicBoolean connectingNow = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * The shared connection's commands, once it exists: Lettuce reconnects it by itself, and
     * getting it may connect, which must not hold up the writer.
     */
    private volatile RedisClusterAsyncCommands<byte[], byte[]> commands;
    private volatile Inbox inbox;

    StoredNotices(StringRedisTemplate redis, String nodeId, Executor connecting) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.nodeIdBytes = nodeId.getBytes(StandardCharsets.UTF_8);
        this.connecting = connecting;
    }

    /** Where the other nodes' batches go, once the inbox exists. */
    void deliverTo(Inbox inbox) {
        this.inbox = inbox;
        connectSoon();
    }

    /** After a write, on the inbox writer's thread: sends the batch to the other nodes. */
    void stored(MessageStore.Batch batch) {
        RedisClusterAsyncCommands<byte[], byte[]> to = commands;
        if (to == null) {
            connectSoon();
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

    /** Gets the shared connection's commands on another thread; until then the other nodes read the database. */
    private void connectSoon() {
        if (connectingNow.compareAndSet(false, true)) {
            connecting.execute(() -> {
                try {
                    commands = redis.execute(StoredNotices::asyncCommands, true);
                } catch (RuntimeException e) {
                    failures.error("Redis cannot be reached to send stored batches to the other nodes; they read"
                            + " them from the database at their next look", e);
                } finally {
                    connectingNow.set(false);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<byte[], byte[]> asyncCommands(RedisConnection connection) {
        return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
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
