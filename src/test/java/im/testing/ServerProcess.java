package im.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The server in a JVM of its own (same classpath as the tests), for signals and process exits. */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServerProcess start(Path dir, String... extraArgs) {
        return start(dir, List.of(), extraArgs);
    }

    /**
     * Starts the server with files limited to {@code kilobytes} (the shell's {@code ulimit -f}):
     * a write past it fails as on a full disk, for this process only.
     */
    public static ServerProcess startWithFileSizeLimit(Path dir, int kilobytes, String... extraArgs) {
        return start(dir, List.of("bash", "-c", "ulimit -f " + kilobytes + " && exec \"$0\" \"$@\""), extraArgs);
    }

    private static ServerProcess start(Path dir, List<String> wrapper, String... extraArgs) {
        try {
            int port = freePort();
            Path log = dir.resolve("server-" + port + ".log");
            List<String> command = new ArrayList<>(wrapper);
            List<String> java = javaCommand("im.Application");
            command.add(java.get(0));
            // No hsperfdata file: with a file size limit, only the users file should hit it.
            command.add("-XX:-UsePerfData");
            command.addAll(java.subList(1, java.size()));
            command.addAll(List.of("--im.tcp.port=" + port, "--server.port=0",
                    "--im.users.file=" + dir.resolve("users.txt"), "--im.auth.pbkdf2-iterations=1000"));
            if (Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith("--spring.datasource.url="))) {
                command.add("--spring.datasource.url=" + h2Url(dir));
            }
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ServerProcess server = new ServerProcess(process, port, log);
            await().atMost(Duration.ofSeconds(60)).until(() -> server.accepts() || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited at start:\n" + server.log());
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database a server started in {@code dir} uses: an H2 file there, kept across restarts. */
    public static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("data/im").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    /** {@code java -cp <the tests' classpath> mainClass}, with the JVM running the tests. */
    public static List<String> javaCommand(String mainClass) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), mainClass);
    }

    public int port() {
        return port;
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

    private boolean accepts() {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
