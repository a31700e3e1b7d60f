package im.cluster;

import im.presence.Presence;
import im.presence.PresenceCluster;
import im.throttle.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Cluster-wide presence in Redis. Each node keeps its users in a hash of its own
 * ({@code im:online:<node>}: user key → "sessions name"), says it is alive with a key that
 * expires after the node timeout ({@code im:node:<node>}), and publishes each change on
 * {@code im:presence} so that the others hear of it at once. Since PUB/SUB may drop a message
 * and Redis may restart, every node also reads the other nodes' hashes again at each heartbeat
 * (a third of the node timeout) and rewrites its own when Redis lost it; a node whose key
 * expired (killed, cut off) is dropped, with its users. A node says {@code <node> +} on
 * {@code im:presence} when it first reaches Redis, so that the others count it at once, and
 * {@code <node> -} when it leaves. Everything runs on one thread, in order; {@link Presence}
 * only queues work here, and {@link Membership} hears which other nodes count.
 */
final class RedisPresence implements PresenceCluster, MessageListener, SmartLifecycle {

    static final String CHANNEL = "im:presence";
    static final String KICK_CHANNEL = "im:kick";
    private static final String NODES = "im:nodes";
    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));

    private final StringRedisTemplate redis;
    private final String nodeId;
    private final Presence presence;
    private final Duration nodeTimeout;
    private final Executor work;
    /** This node's users: key → "sessions name", as its hash in Redis should hold them. */
    private final Map<String, String> here = new ConcurrentHashMap<>();
    /** Other node → its users: key → "sessions name"; the work thread only. */
    private final Map<String, Map<String, String>> others = new HashMap<>();
    /**
     * Other node → when its alive key was due to expire when last read ({@code System.nanoTime}):
     * a key missing before then was lost by Redis (a restart), not let go by the node, which has
     * until then to say it is alive again. The work thread only.
     */
    private final Map<String, Long> aliveUntil = new HashMap<>();
    private final Membership membership;
    /** False once this node has left the cluster at shutdown: the heartbeat must not bring it back. */
    private volatile boolean running = true;
    /** Whether this node has said {@code <node> +} yet; the work thread only. */
    private boolean announced;

    /** Hears, on the work thread, which other nodes count: found alive, or left and dropped. */
    interface Membership {

        /** Called again at every heartbeat that finds {@code node} alive. */
        void alive(String node);

        void gone(String node);
    }

    RedisPresence(StringRedisTemplate redis, String nodeId, Presence presence, Duration nodeTimeout, Executor work,
            ScheduledExecutorService timer, Membership membership) {
        this.redis = redis;
        this.membership = membership;
        this.nodeId = nodeId;
        this.presence = presence;
        this.nodeTimeout = nodeTimeout;
        this.work = work;
        presence.joinCluster(this);
        long every = Math.max(100, nodeTimeout.toMillis() / 3);
        timer.scheduleWithFixedDelay(() -> work.execute(this::heartbeat), 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void sessionsHere(String userKey, String name, int sessions) {
        String value = sessions + " " + name;
        if (sessions > 0) {
            here.put(userKey, value);
        } else {
            here.remove(userKey);
        }
        work.execute(() -> quietly("publishing a presence change", () -> {
            if (sessions > 0) {
                redis.opsForHash().put(hashOf(nodeId), userKey, value);
            } else {
                redis.opsForHash().delete(hashOf(nodeId), userKey);
            }
            redis.convertAndSend(CHANNEL, nodeId + " " + userKey + " " + value);
        }));
    }

    @Override
    public void endOneSession(String userKey) {
        work.execute(() -> others.forEach((node, users) -> {
            if (users.containsKey(userKey)) {
                quietly("asking for a session to end", () -> redis.convertAndSend(KICK_CHANNEL, node + " " + userKey));
            }
        }));
    }

    /**
     * A change another node published: {@code node key sessions name}, {@code node +} when it
     * starts, or {@code node -} when it stops.
     */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        String[] words = new String(message.getBody(), StandardCharsets.UTF_8).split(" ", 4);
        if (channel.equals(KICK_CHANNEL)) {
            if (words.length == 2 && words[0].equals(nodeId)) {
                presence.endOldestSession(words[1]);
            }
            return;
        }
        if (words[0].equals(nodeId)) {
            return;
        }
        work.execute(() -> {
            if (words.length == 2 && words[1].equals("-")) {
                aliveUntil.remove(words[0]);
                replace(words[0], Map.of());
                membership.gone(words[0]);
            } else if (words.length == 2) {
                membership.alive(words[0]);
            } else if (words.length == 4) {
                Map<String, String> users = new HashMap<>(others.getOrDefault(words[0], Map.of()));
                if (words[2].equals("0")) {
                    users.remove(words[1]);
                } else {
                    users.put(words[1], words[2] + " " + words[3]);
                }
                replace(words[0], users);
            }
        });
    }

    /** Says this node is alive, puts its users back if Redis lost them, and reads the other nodes again. */
    private void heartbeat() {
        if (!running) {
            return;
        }
        quietly("the cluster heartbeat", () -> {
            // The users first, then "alive": a node that reads this one alive reads its users whole.
            if (redis.opsForHash().size(hashOf(nodeId)) != here.size()) {
                redis.delete(hashOf(nodeId));
                if (!here.isEmpty()) {
                    redis.opsForHash().putAll(hashOf(nodeId), Map.copyOf(here));
                }
            }
            redis.opsForValue().set(aliveKey(nodeId), "1", nodeTimeout);
            redis.opsForSet().add(NODES, nodeId);
            if (!announced) {
                redis.convertAndSend(CHANNEL, nodeId + " +");
                announced = true;
            }
            Set<String> nodes = new HashSet<>(others.keySet());
            nodes.addAll(aliveUntil.keySet());
            Set<String> listed = redis.opsForSet().members(NODES);
            nodes.addAll(listed == null ? Set.of() : listed);
            nodes.remove(nodeId);
            long now = System.nanoTime();
            for (String node : nodes) {
                Long ttlMillis = redis.getExpire(aliveKey(node), TimeUnit.MILLISECONDS);
                if (ttlMillis != null && (ttlMillis > 0 || ttlMillis == -1)) {
                    aliveUntil.put(node, now + TimeUnit.MILLISECONDS.toNanos(Math.max(ttlMillis, 0)));
                    membership.alive(node);
                    Map<String, String> users = new HashMap<>();
                    redis.<String, String>opsForHash().entries(hashOf(node)).forEach(users::put);
                    replace(node, users);
                } else if (aliveUntil.containsKey(node) && now - aliveUntil.get(node) < 0) {
                    // Redis lost the key before it was due (a restart): the node says so again soon.
                    continue;
                } else {
                    if (others.containsKey(node)) {
                        log.warn("Cluster node {} stopped saying it is alive: its users are offline", node);
                    }
                    aliveUntil.remove(node);
                    redis.opsForSet().remove(NODES, node);
                    redis.delete(hashOf(node));
                    replace(node, Map.of());
                    membership.gone(node);
                }
            }
        });
    }

    /** Makes {@code users} what {@code node} holds, telling presence of each user whose count elsewhere changed. */
    private void replace(String node, Map<String, String> users) {
        Map<String, String> before = others.getOrDefault(node, Map.of());
        if (users.isEmpty()) {
            others.remove(node);
        } else {
            others.put(node, users);
        }
        Set<String> changed = new HashSet<>();
        before.forEach((key, value) -> {
            if (!value.equals(users.get(key))) {
                changed.add(key);
            }
        });
        users.forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                changed.add(key);
            }
        });
        for (String key : changed) {
            int sessions = 0;
            String name = null;
            for (Map<String, String> held : others.values()) {
                String value = held.get(key);
                if (value != null) {
                    int space = value.indexOf(' ');
                    sessions += Integer.parseInt(value.substring(0, space));
                    name = value.substring(space + 1);
                }
            }
            if (name == null) {
                String value = before.get(key);
                name = value.substring(value.indexOf(' ') + 1);
            }
            presence.elsewhere(key, name, sessions);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Leaves the cluster, after the presence changes queued before: the other nodes drop this
     * node's users at once rather than after the timeout.
     */
    @Override
    public void stop() {
        running = false;
        CompletableFuture<Void> left = CompletableFuture.runAsync(() -> quietly("leaving the cluster", () -> {
            redis.delete(aliveKey(nodeId));
            redis.delete(hashOf(nodeId));
            redis.opsForSet().remove(NODES, nodeId);
            redis.convertAndSend(CHANNEL, nodeId + " -");
        }), work);
        try {
            left.get(nodeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Leaving the cluster did not finish: the other nodes drop this one after the node timeout");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the connections have closed (their presence changes queued) and before Redis's
     * connection factory (phase 0), which the leaving needs.
     */
    @Override
    public int getPhase() {
        return 1;
    }

    private static String aliveKey(String node) {
        return "im:node:" + node;
    }

    private static String hashOf(String node) {
        return "im:online:" + node;
    }

    private static void quietly(String what, Runnable redisWork) {
        try {
            redisWork.run();
        } catch (RuntimeException e) {
            failures.error("Redis failed " + what + "; presence across nodes waits for it", e);
        }
    }
}
