package im.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * A Net connection shaped for our traffic: input read through one {@link LineInput} for the
 * connection's life (the stock one reads a byte per system call), and output written
 * straight to the socket. Our outbox already batches lines, so the stock per-connection
 * buffer (as large as the kernel's send buffer, about 2 MB) would only cost memory.
 */
final class LineConnection extends TcpNetConnection {

    private static final Logger log = LoggerFactory.getLogger(LineConnection.class);

    private final LineInput input;
    private final OutputStream output;
    private final ConnectionHeaders headers;
    private volatile Runnable beforeReading = () -> { };

    LineConnection(Socket socket, boolean server, boolean lookupHost, ApplicationEventPublisher publisher,
            String factoryName) {
        super(socket, server, lookupHost, publisher, factoryName);
        try {
            this.input = new LineInput(socket.getInputStream());
            this.output = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.headers = new ConnectionHeaders(getConnectionId());
    }

    /** The headers of every message to or from this connection. */
    MessageHeaders headers() {
        return headers;
    }

    LineInput input() {
        return input;
    }

    /**
     * Runs on the connection's thread before its first read. Unlike the sender callbacks, by
     * then every sender (the outbound adapter too) knows the connection, so a line can go out.
     */
    void beforeReading(Runnable action) {
        this.beforeReading = action;
    }

    @Override
    public void run() {
        beforeReading.run();
        super.run();
    }

    @Override
    protected InputStream inputStream() {
        return input;
    }

    /**
     * A client that resets its connection or fails its TLS handshake is routine for a server
     * on a network (and a client could fill our log with them): closed quietly, logged at debug.
     * Spring Integration's own handling logs each at ERROR.
     */
    @Override
    protected boolean handleReadException(Exception exception) {
        Throwable cause = exception instanceof UncheckedIOException ? exception.getCause() : exception;
        if (!(cause instanceof IOException) || cause instanceof SoftEndOfStreamException) {
            return super.handleReadException(exception);
        }
        if (log.isDebugEnabled()) {
            log.debug("Connection {} ended: {}", getConnectionId(), cause.toString());
        }
        closeConnection(true);
        return true;
    }

    /** Writes one batch of lines; called by the connection's outbox writer only, one batch at a time. */
    @Override
    public void send(Message<?> message) {
        try {
            output.write((byte[]) message.getPayload());
        } catch (IOException e) {
            // The outbound adapter closes the connection on this.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes Spring Integration's Net server factory create {@link LineConnection}s; with a TLS
     * context, over a TLS server socket layered on the accepted one. The context is asked
     * for each connection, so a reloaded certificate applies to the next one. The handshake
     * runs on the connection's own thread at its first read or write, never on the accept thread.
     */
    static final class Support implements TcpNetConnectionSupport {

        private final Supplier<SSLContext> tls;

        /** @param tls the current TLS context, or null for plain connections */
        Support(Supplier<SSLContext> tls) {
            this.tls = tls;
        }

        @Override
        public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
                ApplicationEventPublisher publisher, String factoryName) {
            Socket connected = socket;
            if (tls != null) {
                try {
                    connected = tls.get().getSocketFactory().createSocket(socket, null, true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new LineConnection(connected, server, lookupHost, publisher, factoryName);
        }
    }
}
