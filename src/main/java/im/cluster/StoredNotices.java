package im.cluster;

import im.inbox.Inbox;
import im.inbox.store.MessageStore;
import im.throttle.RateLimitedLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Sends each batch this node stored to the others whole, on Redis's {@code im:stored}, so that
 * they index and deliver it at once without reading it back from PostgreSQL. A batch sent is
 * only a shortcut: PUB/SUB may drop it, and a node that finds a gap before a batch it got, or
 * looks at its regular time ({@code im.cluster.catch-up-every}), reads what it lacks from
 * PostgreSQL by position. Batches go out in the order they were stored, from one thread.
 */
final class StoredNotices implements MessageListener {

    static final String CHANNEL = "im:stored";
    private static final byte[] CHANNEL_BYTES = CHANNEL.getBytes(StandardCharsets.UTF_8);
    private static final Logger log = LoggerFactory.getLogger(StoredNotices.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));

    private final StringRedisTemplate redis;
    private final String nodeId;
    private final byte[] nodeIdBytes;
    private final Executor sender;
    private volatile Inbox inbox;

    StoredNotices(StringRedisTemplate redis, String nodeId, Executor sender) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.nodeIdBytes = nodeId.getBytes(StandardCharsets.UTF_8);
        this.sender = sender;
    }

    /** Where the other nodes' batches go, once the inbox exists. */
    void deliverTo(Inbox inbox) {
        this.inbox = inbox;
    }

    /** After a write, on the inbox writer's thread: queues the batch for the other nodes. */
    void stored(MessageStore.Batch batch) {
        sender.execute(() -> {
            ByteBuffer message = ByteBuffer.allocate(2 + nodeIdBytes.length + 24 + batch.body().length);
            message.putShort((short) nodeIdBytes.length).put(nodeIdBytes);
            message.putLong(batch.first()).putLong(batch.last()).putLong(batch.sentAt()).put(batch.body());
            try {
                redis.execute(connection -> connection.publish(CHANNEL_BYTES, message.array()), true);
            } catch (RuntimeException e) {
                failures.error("Redis failed sending a stored batch to the other nodes; they read it from the"
                        + " database at their next look", e);
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
