package im.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A client over a real socket, as a person with {@code nc} would use the server. Replies are
 * read past any events, which are kept so that tests can look for them.
 */
public final class TestClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 5000;
    private static final AtomicInteger names = new AtomicInteger();

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final List<String> events = new ArrayList<>();
    private final String hello;

    private TestClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        hello = nextLine();
    }

    public static TestClient connect(int port) {
        try {
            return new TestClient(new Socket("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Connects from another loopback address (127.0.0.2 ...: all of 127/8 is this machine on
     * Linux), which the server counts as another remote address.
     */
    public static TestClient connectFrom(String localAddress, int port) {
        try {
            return new TestClient(new Socket(InetAddress.getByName("127.0.0.1"), port,
                    InetAddress.getByName(localAddress), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Talks over a socket connected already (a TLS socket, say); reads its HELLO. */
    public static TestClient over(Socket connected) {
        try {
            return new TestClient(connected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user name no other test uses, starting with {@code base}. */
    public static String uniqueName(String base) {
        return base + names.incrementAndGet();
    }

    public String hello() {
        return hello;
    }

    public void send(String line) {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command and returns its reply (the next OK or ERR line). */
    public String command(String line) {
        send(line);
        return reply();
    }

    /** The next OK or ERR line; events before it are kept. */
    public String reply() {
        while (true) {
            String line = nextLine();
            if (line.startsWith("OK ") || line.startsWith("ERR ")) {
                return line;
            }
            events.add(line);
        }
    }

    /** Waits for an event line matching {@code test}, among those kept or still to come. */
    public String awaitEvent(Predicate<String> test) {
        for (int i = 0; i < events.size(); i++) {
            if (test.test(events.get(i))) {
                return events.remove(i);
            }
        }
        while (true) {
            String line = nextLine();
            if (test.test(line)) {
                return line;
            }
            events.add(line);
        }
    }

    public String awaitEvent(String exactLine) {
        return awaitEvent(exactLine::equals);
    }

    public List<String> events() {
        return events;
    }

    public String nextLine() {
        try {
            String line = in.readLine();
            assertThat(line).as("a line from the server (the connection closed instead)").isNotNull();
            return line;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No line from the server within " + READ_TIMEOUT_MILLIS + " ms; kept: " + events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes the connection; returns the lines read before. */
    public List<String> readUntilClosed() {
        List<String> lines = new ArrayList<>();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The server did not close the connection; read " + lines);
        } catch (IOException reset) {
            // A reset also means closed.
        }
        return lines;
    }

    /** Registers and logs in a fresh user; returns its name. */
    public String registerAndLogin(String base) {
        String name = uniqueName(base);
        assertThat(command("REGISTER " + name + " password1")).isEqualTo("OK REGISTERED " + name);
        assertThat(command("LOGIN " + name + " password1")).isEqualTo("OK LOGGED_IN " + name);
        return name;
    }

    /** Closes the socket abruptly, without QUIT. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
