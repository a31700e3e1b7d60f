package im.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * im/1 over a real WebSocket (the JDK's client), as the web client speaks it: a line per text
 * frame. Replies are read past events, which are kept; {@link #closeStatus} tells how the server
 * closed. With {@code reading} false it takes no frame at all, like a browser tab that stopped.
 */
public final class WsTestClient implements AutoCloseable {

    private static final long READ_TIMEOUT_SECONDS = 5;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final List<String> events = new ArrayList<>();
    private final WebSocket socket;
    private final String hello;

    private WsTestClient(int port, String origin, boolean reading) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                if (reading) {
                    webSocket.request(1);
                }
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    lines.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete("error " + error);
            }
        };
        try {
            socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("WebSocket to port " + port + " refused: " + e, e);
        }
        hello = reading ? nextLine() : null;
    }

    public static WsTestClient connect(int port) {
        return new WsTestClient(port, null, true);
    }

    /** As a browser on a page of {@code origin} would connect. */
    public static WsTestClient connect(int port, String origin) {
        return new WsTestClient(port, origin, true);
    }

    /** Connects and never takes a frame: the server's writes back up. */
    public static WsTestClient connectNotReading(int port) {
        return new WsTestClient(port, null, false);
    }

    public String hello() {
        return hello;
    }

    /** Sends a frame as it is (which may hold line breaks). */
    public void sendFrame(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends a line and returns the next reply (a line starting with OK or ERR), keeping events. */
    public String command(String line) {
        sendFrame(line);
        return nextReply();
    }

    public String nextReply() {
        while (true) {
            String line = nextLine();
            if (line.startsWith("OK") || line.startsWith("ERR")) {
                return line;
            }
            events.add(line);
        }
    }

    public String nextLine() {
        try {
            String line = lines.poll(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no line within " + READ_TIMEOUT_SECONDS + " s; events so far: " + events
                        + (closed.isDone() ? "; closed: " + closed.getNow("") : ""));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event or reply starting with {@code prefix}, skipping others (kept). */
    public String awaitLine(String prefix) {
        while (true) {
            String line = nextLine();
            if (line.startsWith(prefix)) {
                return line;
            }
            events.add(line);
        }
    }

    public List<String> events() {
        return events;
    }

    /** How the server closed: "code reason", once it has. */
    public CompletableFuture<String> closeStatus() {
        return closed;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
