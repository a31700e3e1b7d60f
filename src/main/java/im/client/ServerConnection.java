package im.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLContext;

/** The client's socket: lines out, and a daemon thread that hands each line in to a listener. */
final class ServerConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final OutputStream output;

    private ServerConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.output = socket.getOutputStream();
    }

    /** Connects, over TLS when given a context (the handshake done here, so that its failure is a connect failure). */
    static ServerConnection open(String host, int port, SSLContext tls, boolean checkHostName) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            if (tls == null) {
                return new ServerConnection(socket);
            }
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
            if (checkHostName) {
                // Check that the certificate names this host, as HTTPS does.
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
            }
            secure.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            secure.startHandshake();
            secure.setSoTimeout(0);
            return new ServerConnection(secure);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Starts reading: each server line to {@code onLine}, then {@code onClosed} once. The
     * server's keep-alive {@code PING <token>} is answered here with {@code PING <token>}, and
     * the {@code OK PONG <token>} that answers it is not passed on.
     */
    void startReading(Consumer<String> onLine, Runnable onClosed) {
        Set<String> keepAliveReplies = new HashSet<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("PING ")) {
                        keepAliveReplies.add("OK PONG " + line.substring(5));
                        send(line);
                    } else if (!keepAliveReplies.remove(line)) {
                        onLine.accept(line);
                    }
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
