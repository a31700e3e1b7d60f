package im.cluster;

import im.auth.AccountStore;
import im.auth.JdbcAccountStore;
import im.auth.LoginThrottle;
import im.concurrent.Threads;
import im.inbox.Inbox;
import im.inbox.InboxProperties;
import im.inbox.store.BatchLogMessageStore;
import im.inbox.store.MessageStore;
import im.presence.Presence;
import im.rooms.Rooms;
import im.session.ConnectionProperties;
import im.throttle.ThrottleProperties;
import im.transport.tcp.TcpProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cluster mode ({@code im.cluster.enabled=true}; {@link ClusterMode} has checked the settings):
 * accounts and messages in PostgreSQL, shared by every node; presence and the nodes' notices
 * through Redis. docs/CLUSTER.md says what each part guarantees.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ClusterMode.ENABLED, havingValue = "true")
class ClusterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean
    ClusterNode clusterNode(ClusterProperties cluster, TcpProperties tcp) {
        String id = cluster.nodeId().isBlank() ? hostName() + ":" + tcp.port() : cluster.nodeId();
        if (id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("im.cluster.node-id must not contain spaces: '" + id + "'");
        }
        log.info("Cluster node {}", id);
        return new ClusterNode(id);
    }

    @Bean
    AccountStore accountStore(JdbcTemplate jdbc) {
        return new JdbcAccountStore(jdbc);
    }

    /** Login failures counted in Redis, at the wall clock's times, which every node shares. */
    @Bean
    LoginThrottle loginThrottle(ThrottleProperties throttle, StringRedisTemplate redis) {
        LongSupplier wallClockNanos = () -> TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        return new LoginThrottle(throttle, wallClockNanos, new RedisLoginFailures(redis,
                LoginThrottle.inProcess(throttle.loginFailureMemory(), wallClockNanos)));
    }

    @Bean
    MessageStore messageStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        log.info("Messages are stored in the database every node shares");
        return BatchLogMessageStore.shared(jdbc, transactions);
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService imClusterWork() {
        return Threads.fixedPool("im-cluster-", 1);
    }

    @Bean
    AsyncRedis asyncRedis(StringRedisTemplate redis, ExecutorService imClusterWork) {
        return new AsyncRedis(redis, imClusterWork);
    }

    @Bean
    StoredNotices storedNotices(AsyncRedis redis, ClusterNode node) {
        return new StoredNotices(redis, node.id());
    }

    @Bean
    Inbox inbox(MessageStore store, Presence presence, InboxProperties settings, ConnectionProperties limits,
            ThrottleProperties throttle, MeterRegistry meters, ClusterProperties cluster, StoredNotices notices) {
        Inbox inbox = new Inbox(store, presence, settings, limits, throttle.enabled(), Clock.systemUTC(), meters,
                new Inbox.OtherNodes(cluster.catchUpEvery(), notices::stored));
        notices.deliverTo(inbox::otherNodeStored);
        return inbox;
    }

    @Bean
    RedisPresence redisPresence(StringRedisTemplate redis, ClusterNode node, Presence presence,
            ClusterProperties cluster, ExecutorService imClusterWork, ScheduledExecutorService imTimer,
            StoredNotices notices) {
        return new RedisPresence(redis, node.id(), presence, cluster.nodeTimeout(), imClusterWork, imTimer, notices);
    }

    @Bean
    RedisRooms redisRooms(StringRedisTemplate redis, AsyncRedis asyncRedis, ClusterNode node, Rooms rooms,
            ClusterProperties cluster, ExecutorService imClusterWork, ScheduledExecutorService imTimer) {
        return new RedisRooms(redis, asyncRedis, node.id(), rooms, cluster.nodeTimeout(), imClusterWork, imTimer);
    }

    @Bean
    RedisMessageListenerContainer clusterListener(RedisConnectionFactory redis, RedisPresence presence,
            StoredNotices notices, RedisRooms rooms) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // The listeners only queue work: they run on Lettuce's thread rather than a new thread per message.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(presence, List.of(new ChannelTopic(RedisPresence.CHANNEL),
                new ChannelTopic(RedisPresence.KICK_CHANNEL)));
        notices.listenWith(container);
        container.addMessageListener(rooms, new ChannelTopic(RedisRooms.CHANNEL));
        return container;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** This node's name in the cluster. */
    record ClusterNode(String id) {
    }
}
