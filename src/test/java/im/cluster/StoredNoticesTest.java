package im.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.concurrent.Threads;
import im.inbox.store.MessageStore;
import im.presence.Presence;
import im.testing.RedisProcess;
import im.testing.TestLimits;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Two nodes' notices of stored batches through a real Redis of the test's own: each node gets
 * the other's batches and never its own, and listens to a node from the moment it hears of it
 * until the node leaves.
 */
class StoredNoticesTest {

    @TempDir
    Path dir;

    private RedisProcess redisProcess;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;
    private final ExecutorService work = Threads.fixedPool("test-cluster-", 4);
    private final ScheduledExecutorService timer = Threads.timer("test-timer");
    private final List<RedisMessageListenerContainer> containers = new ArrayList<>();
    private final List<ExecutorService> nodesWork = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        redisProcess = RedisProcess.startOrSkip(dir);
        URI uri = URI.create(redisProcess.url());
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterEach
    void stop() throws Exception {
        containers.forEach(RedisMessageListenerContainer::stop);
        timer.shutdownNow();
        work.shutdownNow();
        nodesWork.forEach(ExecutorService::shutdownNow);
        if (connections != null) {
            connections.destroy();
        }
        if (redisProcess != null) {
            redisProcess.close();
        }
    }

    @Test
    void eachNodeGetsTheOtherNodesBatchesWholeAndNeverItsOwn() {
        List<MessageStore.Batch> gotByA = new CopyOnWriteArrayList<>();
        List<MessageStore.Batch> gotByB = new CopyOnWriteArrayList<>();
        StoredNotices a = notices("a", gotByA::add);
        StoredNotices b = notices("b", gotByB::add);
        // One node hears of the other before it listens, the other once it is listening.
        a.alive("b");
        a.listenWith(listening());
        b.listenWith(listening());
        b.alive("a");
        await().until(() -> listeners("a") == 1 && listeners("b") == 1);

        MessageStore.Batch fromA = batch(1, 3, "three lines from a");
        a.stored(fromA);
        await().until(() -> gotByB.size() == 1);
        MessageStore.Batch fromB = batch(4, 4, "one line from b");
        b.stored(fromB);
        await().until(() -> gotByA.size() == 1);

        assertSame(gotByB.get(0), fromA);
        // Redis had sent a's batch to its listeners before b's existed: a would have had it first.
        assertSame(gotByA.get(0), fromB);
        assertThat(gotByB).hasSize(1);
    }

    @Test
    void aNodeAloneSendsNothingUntilAnotherCounts() {
        List<MessageStore.Batch> gotByB = new CopyOnWriteArrayList<>();
        StoredNotices a = notices("a", batch -> {
        });
        StoredNotices b = notices("b", gotByB::add);
        a.listenWith(listening());
        b.listenWith(listening());
        b.alive("a");
        await().until(() -> listeners("a") == 1);

        a.stored(batch(1, 1, "while alone"));
        a.alive("b");
        MessageStore.Batch counted = batch(2, 2, "once b counts");
        a.stored(counted);
        await().until(() -> gotByB.size() == 1);

        // One connection's commands run in order: a first PUBLISH would have come before this one.
        assertSame(gotByB.get(0), counted);
        assertThat(publishes()).isEqualTo(1);
    }

    @Test
    void aNodeIsListenedToFromItsStartUntilItLeaves() {
        StoredNotices a = notices("a", batch -> {
        });
        presence("a", a);
        StoredNotices b = notices("b", batch -> {
        });
        RedisPresence bPresence = presence("b", b);

        // A node timeout of an hour: no heartbeat after the first, so a hears of b by b's "+" alone.
        await().until(() -> listeners("a") == 1 && listeners("b") == 1);
        bPresence.stop();
        await().until(() -> listeners("b") == 0);
        assertThat(listeners("a")).isEqualTo(1);
    }

    private StoredNotices notices(String node, Consumer<MessageStore.Batch> inbox) {
        StoredNotices notices = new StoredNotices(new AsyncRedis(redis, work), node);
        notices.deliverTo(inbox);
        return notices;
    }

    private RedisPresence presence(String node, StoredNotices notices) {
        ExecutorService nodeWork = Threads.fixedPool("test-" + node + "-", 1);
        nodesWork.add(nodeWork);
        RedisPresence presence = new RedisPresence(redis, node, new Presence(TestLimits.presence(),
                new SimpleMeterRegistry()), Duration.ofHours(1), nodeWork, timer, notices);
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(presence, new ChannelTopic(RedisPresence.CHANNEL));
        notices.listenWith(container);
        container.afterPropertiesSet();
        container.start();
        containers.add(container);
        return presence;
    }

    private RedisMessageListenerContainer listening() {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.afterPropertiesSet();
        container.start();
        containers.add(container);
        return container;
    }

    /** How many connections listen to {@code node}'s batches, as Redis counts them. */
    private long listeners(String node) {
        byte[] channel = StoredNotices.channelOf(node).getBytes(StandardCharsets.UTF_8);
        return answer(commands -> commands.pubsubNumsub(channel)).values().iterator().next();
    }

    private long publishes() {
        return answer(commands -> commands.info("commandstats")).lines()
                .filter(line -> line.startsWith("cmdstat_publish:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("cmdstat_publish:calls=(\\d+),.*", "$1"))).orElse(0L);
    }

    /** One command on Lettuce's own commands, waited for. */
    @SuppressWarnings("unchecked")
    private <T> T answer(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        return redis.execute(connection -> command.apply((RedisClusterAsyncCommands<byte[], byte[]>) connection
                .getNativeConnection()), true).toCompletableFuture().join();
    }

    private static MessageStore.Batch batch(long first, long last, String body) {
        return new MessageStore.Batch(first, last, 1_700_000_000_000L + first, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSame(MessageStore.Batch got, MessageStore.Batch sent) {
        assertThat(got.first()).isEqualTo(sent.first());
        assertThat(got.last()).isEqualTo(sent.last());
        assertThat(got.sentAt()).isEqualTo(sent.sentAt());
        assertThat(got.body()).isEqualTo(sent.body());
    }
}
