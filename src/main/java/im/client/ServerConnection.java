package im.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The client's socket: lines out, and a daemon thread that hands each line in to a listener. */
final class ServerConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final OutputStream output;

    private ServerConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.output = socket.getOutputStream();
    }

    static ServerConnection open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return new ServerConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Starts reading: each server line to {@code onLine}, then {@code onClosed} once. */
    void startReading(Consumer<String> onLine, Runnable onClosed) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    onLine.accept(line);
                }
            } catch (IOException closed) {
                // The socket closed under us: the same as the server closing it.
            } finally {
                onClosed.run();
            }
        }, "im-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    synchronized void send(String line) throws IOException {
        output.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
