package im.cluster;

import im.inbox.Inbox;
import im.throttle.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Tells the other nodes, on Redis's {@code im:stored}, that this node stored messages, so that
 * they read them from PostgreSQL at once rather than at their next regular look. A notice is
 * only a hint: PUB/SUB may drop it, and the regular look ({@code im.cluster.catch-up-every})
 * finds what it missed. Notices that pile up while one is being sent go as one.
 */
final class StoredNotices implements MessageListener {

    static final String CHANNEL = "im:stored";
    private static final Logger log = LoggerFactory.getLogger(StoredNotices.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));

    private final StringRedisTemplate redis;
    private final String nodeId;
    private final Executor sender;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Inbox inbox;

    StoredNotices(StringRedisTemplate redis, String nodeId, Executor sender) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.sender = sender;
    }

    /** Where the other nodes' notices go, once the inbox exists. */
    void deliverTo(Inbox inbox) {
        this.inbox = inbox;
    }

    /** After a write, on the inbox writer's thread: queues a notice unless one is queued already. */
    void stored() {
        if (pending.compareAndSet(false, true)) {
            sender.execute(() -> {
                pending.set(false);
                try {
                    redis.convertAndSend(CHANNEL, nodeId);
                } catch (RuntimeException e) {
                    failures.error("Redis failed telling the other nodes of stored messages; they find them"
                            + " at their next look", e);
                }
            });
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Inbox target = inbox;
        if (target != null && !nodeId.equals(new String(message.getBody(), StandardCharsets.UTF_8))) {
            target.otherNodeStored();
        }
    }
}
