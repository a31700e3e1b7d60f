package im.cluster;

import im.inbox.store.MessageStore;
import im.throttle.RateLimitedLog;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Sends each batch this node stored to the others whole, on a Redis channel of its own
 * ({@code im:stored:<node>}), so that they index and deliver it at once without reading it back
 * from PostgreSQL; it listens to the channel of every other node that {@link RedisPresence} finds
 * alive, and never to its own, so that Redis sends no node its own batches back. A batch sent is
 * only a shortcut: PUB/SUB may drop it, a node may store before the others listen to it, and a
 * node that finds a gap before a batch it got, or looks at its regular time
 * ({@code im.cluster.catch-up-every}), reads what it lacks from PostgreSQL by position. Batches
 * go out in the order they were stored, from the writer's thread, without waiting for Redis's
 * reply: Lettuce keeps a connection's commands in order.
 */
final class StoredNotices implements MessageListener, RedisPresence.Membership {

    static final String CHANNEL_PREFIX = "im:stored:";
    private static final Logger log = LoggerFactory.getLogger(StoredNotices.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));

    /** Notices not yet answered, past which more are dropped: Lettuce queues commands while Redis is away. */
    private static final int MAX_IN_FLIGHT = 10_000;

    private final AsyncRedis redis;
    private final byte[] ownChannel;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Consumer<MessageStore.Batch> inbox;
    /**
     * The other nodes listened to, also before there is a container to listen with; changed
     * under this object's lock, read by the writer without it: alone, a node sends nobody its batches.
     */
    private final Set<String> listenedTo = ConcurrentHashMap.newKeySet();
    /** Guarded by this. */
    private RedisMessageListenerContainer container;

    StoredNotices(AsyncRedis redis, String nodeId) {
        this.redis = redis;
        this.ownChannel = channelOf(nodeId).getBytes(StandardCharsets.UTF_8);
    }

    static String channelOf(String node) {
        return CHANNEL_PREFIX + node;
    }

    /** Where the other nodes' batches go, once the inbox exists. */
    void deliverTo(Consumer<MessageStore.Batch> inbox) {
        this.inbox = inbox;
        redis.connectSoon();
    }

    /** Listens through {@code container} from now on, to the nodes found alive so far too. */
    synchronized void listenWith(RedisMessageListenerContainer container) {
        this.container = container;
        listenedTo.forEach(node -> container.addMessageListener(this, new ChannelTopic(channelOf(node))));
    }

    /** On the cluster's work thread: listens to {@code node}'s batches from now on. */
    @Override
    public synchronized void alive(String node) {
        if (listenedTo.add(node) && container != null) {
            try {
                container.addMessageListener(this, new ChannelTopic(channelOf(node)));
            } catch (RuntimeException e) {
                // Redis refused the subscription: the next heartbeat that finds the node alive tries again.
                listenedTo.remove(node);
                throw e;
            }
        }
    }

    /** On the cluster's work thread: {@code node} left or stopped counting; what it stored later is read by position. */
    @Override
    public synchronized void gone(String node) {
        if (listenedTo.remove(node) && container != null) {
            container.removeMessageListener(this, new ChannelTopic(channelOf(node)));
        }
    }

    /**
     * After a write, on the inbox writer's thread: sends the batch to the other nodes, if any
     * counts (one that starts meanwhile reads it by position).
     */
    void stored(MessageStore.Batch batch) {
        RedisClusterAsyncCommands<byte[], byte[]> to = redis.commands();
        if (to == null || listenedTo.isEmpty()) {
            return;
        }
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            failures.error("Redis has not answered " + MAX_IN_FLIGHT + " stored batches; the other nodes read the"
                    + " next ones from the database at their next look", null);
            return;
        }
        ByteBuffer message = ByteBuffer.allocate(24 + batch.body().length);
        message.putLong(batch.first()).putLong(batch.last()).putLong(batch.sentAt()).put(batch.body());
        inFlight.incrementAndGet();
        to.publish(ownChannel, message.array()).whenComplete((receivers, failed) -> {
            inFlight.decrementAndGet();
            if (failed != null) {
                failures.error("Redis failed sending a stored batch to the other nodes; they read it from the"
                        + " database at their next look", failed);
            }
        });
    }

    /** On Lettuce's thread: another node's batch. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        Consumer<MessageStore.Batch> target = inbox;
        if (target == null) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(message.getBody());
        long first = in.getLong();
        long last = in.getLong();
        long sentAt = in.getLong();
        byte[] body = new byte[in.remaining()];
        in.get(body);
        target.accept(new MessageStore.Batch(first, last, sentAt, body));
    }
}
