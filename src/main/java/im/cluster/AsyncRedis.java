package im.cluster;

import im.throttle.RateLimitedLog;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Lettuce's asynchronous commands on Spring's shared Redis connection, for the callers that must
 * never wait on Redis (the inbox writer, an event loop). Getting the connection may connect, so
 * it happens on another thread; until it is there, callers do without Redis. Lettuce reconnects
 * the connection by itself and keeps its commands in order.
 */
final class AsyncRedis {

    private static final RateLimitedLog failures =
            new RateLimitedLog(LoggerFactory.getLogger(AsyncRedis.class), Duration.ofSeconds(10));

    private final StringRedisTemplate redis;
    private final Executor connecting;
    private final AtomicBoolean connectingNow = new AtomicBoolean();
    private volatile RedisClusterAsyncCommands<byte[], byte[]> commands;

    AsyncRedis(StringRedisTemplate redis, Executor connecting) {
        this.redis = redis;
        this.connecting = connecting;
    }

    /** The commands, or null (and a connection on its way) while there is none yet. */
    RedisClusterAsyncCommands<byte[], byte[]> commands() {
        RedisClusterAsyncCommands<byte[], byte[]> now = commands;
        if (now == null) {
            connectSoon();
        }
        return now;
    }

    boolean connected() {
        return commands != null;
    }

    void connectSoon() {
        if (connectingNow.compareAndSet(false, true)) {
            connecting.execute(() -> {
                try {
                    commands = redis.execute(AsyncRedis::asyncCommands, true);
                } catch (RuntimeException e) {
                    failures.error("Redis cannot be reached; this node tells the others nothing until it can, and"
                            + " they read the database instead", e);
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
}
