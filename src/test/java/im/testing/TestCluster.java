package im.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cluster nodes as separate processes from the built jar, on a fresh schema of the test
 * PostgreSQL ({@code IM_TEST_POSTGRES_URL}) and the test Redis ({@code IM_TEST_REDIS_URL}, emptied
 * first), both of which .ci/run starts. Closing it kills the nodes and drops the schema.
 */
public final class TestCluster implements AutoCloseable {

    public static final String REDIS_URL_VARIABLE = "IM_TEST_REDIS_URL";

    private final TestDatabase database;
    private final String redisUrl;
    private final Path dir;
    private final List<ServerProcess> nodes = new ArrayList<>();

    private TestCluster(TestDatabase database, String redisUrl, Path dir) {
        this.database = database;
        this.redisUrl = redisUrl;
        this.dir = dir;
    }

    /** A cluster on the test PostgreSQL and Redis; null when either is not configured. */
    public static TestCluster create(Path dir) {
        String redis = System.getenv(REDIS_URL_VARIABLE);
        if (redis == null || redis.isBlank()) {
            return null;
        }
        TestDatabase database = TestDatabase.postgres();
        if (database == null) {
            return null;
        }
        return new TestCluster(database, redis, dir).flushRedis();
    }

    /** A cluster on a PostgreSQL of the test's own ({@code postgresUrl}) and {@code redisUrl}, emptied first. */
    public static TestCluster on(Path dir, String postgresUrl, String redisUrl) {
        return new TestCluster(TestDatabase.postgres(postgresUrl), redisUrl, dir).flushRedis();
    }

    /** A cluster on the test PostgreSQL and a Redis of the test's own ({@code redisUrl}). */
    public static TestCluster withRedis(Path dir, String redisUrl) {
        TestDatabase database = TestDatabase.postgres();
        return database == null ? null : new TestCluster(database, redisUrl, dir).flushRedis();
    }

    /** Starts node {@code name} (its folder and its id), with a short node timeout unless given. */
    public ServerProcess start(String name, String... extraArgs) {
        try {
            Path nodeDir = Files.createDirectories(dir.resolve(name));
            List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.url(),
                    "--spring.data.redis.url=" + redisUrl, "--im.cluster.node-id=" + name));
            if (List.of(extraArgs).stream().noneMatch(arg -> arg.startsWith("--im.cluster.node-timeout="))) {
                args.add("--im.cluster.node-timeout=3s");
            }
            args.addAll(List.of(extraArgs));
            ServerProcess node = ServerProcess.startClusterNode(nodeDir, args.toArray(String[]::new));
            nodes.add(node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Registers alice and bob (password1), logs each in on their own connection (typically on
     * two nodes), and waits until alice's node knows bob is online.
     */
    public static void aliceAndBobOnline(TestClient alice, TestClient bob) {
        alice.command("REGISTER alice password1");
        alice.command("REGISTER bob password1");
        alice.command("LOGIN alice password1");
        bob.command("LOGIN bob password1");
        alice.awaitEvent("JOINED bob");
    }

    public TestDatabase database() {
        return database;
    }

    /** Sends one command to this cluster's Redis; the first line of its answer. */
    public String redisAnswer(String... command) {
        return redis(redisUrl, command);
    }

    /** How many connections listen to a Redis channel ({@code PUBSUB NUMSUB}). */
    public int listenersOf(String channel) {
        String[] answer = redis(redisUrl, 4, "PUBSUB", "NUMSUB", channel).split("\n");
        return Integer.parseInt(answer[3].substring(1));
    }

    /** Sends one command to Redis (RESP), as redis-cli would, and returns the first line of its answer. */
    public static String redis(String url, String... command) {
        return redis(url, 1, command);
    }

    /** The same, returning the first {@code lines} lines of the answer, each ending in a newline but the last. */
    private static String redis(String url, int lines, String... command) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            StringBuilder resp = new StringBuilder("*" + command.length + "\r\n");
            for (String word : command) {
                resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            int left = lines;
            for (int c = in.read(); c >= 0 && !(c == '\n' && --left == 0); c = in.read()) {
                if (c != '\r') {
                    answer.append((char) c);
                }
            }
            return answer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestCluster flushRedis() {
        redis(redisUrl, "FLUSHALL");
        return this;
    }

    /** Kills the nodes (their logs go to the test's output, for a failure's reader) and drops the schema. */
    @Override
    public void close() {
        for (ServerProcess node : nodes) {
            System.out.println("---- log of the node on port " + node.port() + " ----\n" + node.log());
        }
        nodes.forEach(ServerProcess::close);
        for (ServerProcess node : nodes) {
            try {
                node.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        database.close();
    }
}
