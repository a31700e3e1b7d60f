package im.client;

import im.concurrent.Waiting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLContext;

/** The client's socket: lines out, and a daemon thread that hands each line in to a listener. */
final class ServerConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    /** Stands in the queue of unanswered commands for those the client sent by itself. */
    private static final String AUTOMATIC = "(automatic)";
    private static final int REMEMBERED_IDS = 10_000;

    private final Socket socket;
    private final OutputStream output;
    /** The commands sent and not yet answered, oldest first; guarded by this. */
    private final Deque<String> unanswered = new ArrayDeque<>();
    private boolean readerDone;
    /** The last ids shown, to drop a message delivered again; used by the reader thread only. */
    private final Set<String> seenIds = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    });

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
     * Starts reading: each server line to {@code onLine}, then {@code onClosed} once. Some lines
     * are answered here instead: the server's keep-alive {@code PING <token>} with a {@code PING},
     * and each new {@code MSG} with an {@code ACK} of its id once it has been passed on (so the
     * next login replays only what this device has not shown); the replies to those never reach
     * {@code onLine}. A {@code MSG} seen before (inbox delivery is at least once) is dropped, but
     * not the lines of a {@code HISTORY}, which show old messages on purpose.
     */
    void startReading(Consumer<String> onLine, Runnable onClosed) {
        startReadingWithCommands((line, command) -> onLine.accept(line), onClosed);
    }

    /** The same, handing each reply on with the command line it answers (null for other lines). */
    void startReadingWithCommands(BiConsumer<String, String> onLine, Runnable onClosed) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    handle(line, onLine);
                }
            } catch (IOException closed) {
                // The socket closed under us: the same as the server closing it.
            } finally {
                readerEnded();
                onClosed.run();
            }
        }, "im-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void handle(String line, BiConsumer<String, String> onLine) throws IOException {
        if (ServerLines.isReply(line)) {
            String command = answered();
            if (!AUTOMATIC.equals(command)) {
                onLine.accept(line, command);
            }
        } else if (line.startsWith("PING ")) {
            sendAutomatically(line);
        } else if (line.startsWith("MSG ") && !inHistory()) {
            String id = line.split(" ", 3)[1];
            if (seenIds.add(id)) {
                onLine.accept(line, null);
            }
            sendAutomatically("ACK " + id);
        } else {
            onLine.accept(line, null);
        }
    }

    /** Sends a line typed or piped in; a blank one gets no reply, so it is not waited for. */
    synchronized void send(String line) throws IOException {
        if (!line.isBlank()) {
            unanswered.add(line.strip());
        }
        write(line);
    }

    private synchronized void sendAutomatically(String line) throws IOException {
        unanswered.add(AUTOMATIC);
        write(line);
    }

    private void write(String line) throws IOException {
        output.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    /** The command line a reply answers (replies come in order), or null. */
    private synchronized String answered() {
        String keyword = unanswered.poll();
        notifyAll();
        return keyword;
    }

    /**
     * Waits until every command sent, the automatic ones too, has its reply (or the connection
     * closed, or the time is up): a script's last acknowledgements are not cut off at exit.
     */
    synchronized void awaitEveryReply(Duration max) throws InterruptedException {
        Waiting.until(this, () -> unanswered.isEmpty() || readerDone, max);
    }

    private synchronized void readerEnded() {
        readerDone = true;
        notifyAll();
    }

    /** True while the oldest unanswered command is a HISTORY: its MSG lines come before its reply. */
    private synchronized boolean inHistory() {
        String oldest = unanswered.peek();
        return oldest != null && oldest.split(" ", 2)[0].toUpperCase(Locale.ROOT).equals("HISTORY");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
