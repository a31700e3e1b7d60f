package im.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.util.OSInfo;

/** The server in a JVM of its own (same classpath as the tests), for signals and process exits. */
public final class ServerProcess implements AutoCloseable {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final Process process;
    private final int port;
    private final int httpPort;
    private final int webPort;
    private final Path log;

    private ServerProcess(Process process, int port, int httpPort, int webPort, Path log) {
        this.process = process;
        this.port = port;
        this.httpPort = httpPort;
        this.webPort = webPort;
        this.log = log;
    }

    public static ServerProcess start(Path dir, String... extraArgs) {
        return start(dir, List.of(), List.of(), false, extraArgs);
    }

    /**
     * Starts a cluster node from the jar the build made ({@code im.test.jar}, set by Failsafe), in
     * {@code dir}: the test gives the database and Redis; accounts are in the database.
     */
    public static ServerProcess startClusterNode(Path dir, String... extraArgs) {
        String jar = System.getProperty("im.test.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("no built jar (im.test.jar: " + jar + "): run the cluster tests with ./mvnw verify");
        }
        List<String> args = new ArrayList<>(List.of("--im.cluster.enabled=true"));
        args.addAll(List.of(extraArgs));
        return start(dir, List.of(), List.of("-jar:" + jar), true, args.toArray(String[]::new));
    }

    /** Starts the server in {@code dir} as its working folder, with the store it ships with (./data). */
    public static ServerProcess startWithDefaultStore(Path dir, String... extraArgs) {
        return start(dir, List.of(), List.of(), true, extraArgs);
    }

    /**
     * Starts the server with files limited to {@code kilobytes} (the shell's {@code ulimit -f}):
     * a write past it fails as on a full disk, for this process only.
     */
    public static ServerProcess startWithFileSizeLimit(Path dir, int kilobytes, String... extraArgs) {
        return start(dir, List.of("bash", "-c", "ulimit -f " + kilobytes + " && exec \"$0\" \"$@\""),
                sqliteLibraryOutside(dir), false, extraArgs);
    }

    /**
     * SQLite's driver writes its native library to a temp file at startup, which a file size
     * limit would stop: the library is copied here first, and the driver told to load that one.
     */
    private static List<String> sqliteLibraryOutside(Path dir) {
        String name = System.mapLibraryName("sqlitejdbc");
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        Path folder = dir.resolve("native");
        try (InputStream library = ServerProcess.class.getResourceAsStream(resource)) {
            if (library == null) {
                throw new IllegalStateException("no SQLite library for this platform: " + resource);
            }
            Files.createDirectories(folder);
            Files.copy(library, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("-Dorg.sqlite.lib.path=" + folder.toAbsolutePath(), "-Dorg.sqlite.lib.name=" + name);
    }

    private static ServerProcess start(Path dir, List<String> wrapper, List<String> jvmArgs, boolean defaultStore,
            String... extraArgs) {
        try {
            int port = freePort();
            int httpPort = freePort();
            // A test that restarts the server on its port (a browser reconnecting) passes --server.port.
            int webPort = Arrays.stream(extraArgs).filter(arg -> arg.startsWith("--server.port="))
                    .mapToInt(arg -> Integer.parseInt(arg.substring("--server.port=".length()))).findFirst()
                    .orElse(freePort());
            Path log = dir.resolve("server-" + port + ".log");
            List<String> command = new ArrayList<>(wrapper);
            String jar = jvmArgs.stream().filter(arg -> arg.startsWith("-jar:")).map(arg -> arg.substring(5))
                    .findFirst().orElse(null);
            jvmArgs = jvmArgs.stream().filter(arg -> !arg.startsWith("-jar:")).toList();
            List<String> java = jar == null ? javaCommand("im.Application")
                    : List.of(javaCommand("im.Application").get(0), "-jar", jar);
            boolean cluster = Arrays.asList(extraArgs).contains("--im.cluster.enabled=true");
            command.add(java.get(0));
            // No hsperfdata file: with a file size limit, only the users file should hit it.
            command.add("-XX:-UsePerfData");
            // Its temporary files (SQLite's native library, Tomcat's folders) go with the test's folder,
            // also when the test kills it.
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            command.add("-Djava.io.tmpdir=" + tmp);
            command.addAll(jvmArgs);
            command.addAll(java.subList(1, java.size()));
            List<String> settings = new ArrayList<>(List.of("--im.tcp.port=" + port, "--server.port=" + webPort,
                    "--management.server.port=" + httpPort, "--im.auth.pbkdf2-iterations=1000"));
            if (!cluster) {
                settings.add("--im.users.file=" + dir.resolve("users.txt"));
            }
            for (String setting : settings) {
                String key = setting.substring(0, setting.indexOf('=') + 1);
                // A key given twice is refused: the test's own value replaces this default.
                if (Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith(key))) {
                    command.add(setting);
                }
            }
            if (!defaultStore && Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith("--spring.datasource.url="))) {
                command.add("--spring.datasource.url=" + storeUrl(dir));
            }
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ServerProcess server = new ServerProcess(process, port, httpPort, webPort, log);
            // The operations listener starts after the application's: both, before anything is asked.
            await().atMost(Duration.ofSeconds(60)).until(() -> server.accepts(port) && server.accepts(httpPort)
                    && server.accepts(webPort) || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited at start:\n" + server.log());
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database a server started in {@code dir} uses: a SQLite file there, kept across restarts. */
    public static String storeUrl(Path dir) {
        return TestDatabase.sqliteUrl(dir.resolve("data/im.db"));
    }

    /** {@code java -cp <the tests' classpath> mainClass}, with the JVM running the tests. */
    public static List<String> javaCommand(String mainClass) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), mainClass);
    }

    public int port() {
        return port;
    }

    /** The public HTTP listener's port: the web client and its WebSocket. */
    public int webPort() {
        return webPort;
    }

    /** The operations listener's port (/actuator). */
    public int httpPort() {
        return httpPort;
    }

    /** The body of a GET of {@code path} on the HTTP port, whatever its status. */
    public String http(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Process process() {
        return process;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private boolean accepts(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * A TCP port that nothing listens on right now, and that this JVM has not handed out before:
     * the kernel may give a port just closed again, and a server's listeners, picked one after
     * the other, must not share one.
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
