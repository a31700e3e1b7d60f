package im.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.net.Socket;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
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
final class LineConnection extends TcpNetConnection implements LineSocket {

    private static final Logger log = LoggerFactory.getLogger(LineConnection.class);

    private final LineInput input;
    private final OutputStream output;
    private final ConnectionHeaders headers;
    private volatile Runnable beforeReading = () -> { };
    /** How long a TLS client may take for its handshake; 0 for a plain connection. */
    private final int handshakeMillis;
    private final Socket socket;
    private volatile boolean refused;

    private final ReadPause readPause = new ReadPause();

    LineConnection(Socket socket, boolean server, boolean lookupHost, ApplicationEventPublisher publisher,
            String factoryName, int maxLineBytes, int handshakeMillis) {
        super(socket, server, lookupHost, publisher, factoryName);
        this.socket = socket;
        this.handshakeMillis = handshakeMillis;
        try {
            this.input = new LineInput(socket.getInputStream(), maxLineBytes);
            this.output = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.headers = new ConnectionHeaders(getConnectionId());
    }

    @Override
    public MessageHeaders headers() {
        return headers;
    }

    /**
     * Runs on the connection's thread before its first read. Unlike the sender callbacks, by
     * then every sender (the outbound adapter too) knows the connection, so a line can go out.
     */
    @Override
    public void beforeReading(Runnable action) {
        this.beforeReading = action;
    }

    @Override
    public void atEndOfInput(Consumer<Runnable> action) {
        input.atEndOfInput(action);
    }

    /** Blocks the reader thread, which is the caller, until {@code mayRead}. */
    @Override
    public void pauseReading(BooleanSupplier mayRead) {
        readPause.await(mayRead, this::isOpen);
    }

    @Override
    public void resumeReading() {
        readPause.wake();
    }


    @Override
    public boolean closeWithoutGreeting() {
        refused = handshakeMillis > 0;
        return refused;
    }

    /**
     * A TLS connection finishes its handshake here, within the timeout, before it is greeted
     * (so that no writer thread starts one and waits for a client that never sends a ClientHello);
     * one over the limits is closed before any handshake.
     */
    @Override
    public void run() {
        if (refused || !handshook()) {
            closeConnection(true);
            return;
        }
        beforeReading.run();
        super.run();
    }

    private boolean handshook() {
        if (handshakeMillis == 0 || !(socket instanceof SSLSocket tls)) {
            return true;
        }
        try {
            int before = tls.getSoTimeout();
            tls.setSoTimeout(handshakeMillis);
            tls.startHandshake();
            tls.setSoTimeout(before);
            return true;
        } catch (IOException e) {
            log.debug("Connection {}: no TLS handshake: {}", getConnectionId(), e.toString());
            return false;
        }
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
            ByteBuffer batch = (ByteBuffer) message.getPayload();
            output.write(batch.array(), batch.arrayOffset() + batch.position(), batch.remaining());
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
        private final Supplier<TlsPolicy> policy;
        private final int maxLineBytes;
        private final int handshakeMillis;

        /**
         * @param tls the current TLS context and what it offers, or nulls for plain connections
         * @param handshakeMillis how long a TLS client may take for its handshake
         */
        Support(Supplier<SSLContext> tls, Supplier<TlsPolicy> policy, int maxLineBytes, int handshakeMillis) {
            this.tls = tls;
            this.policy = policy;
            this.maxLineBytes = maxLineBytes;
            this.handshakeMillis = tls == null ? 0 : handshakeMillis;
        }

        @Override
        public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
                ApplicationEventPublisher publisher, String factoryName) {
            Socket connected = socket;
            if (tls != null) {
                try {
                    SSLSocket layered = (SSLSocket) tls.get().getSocketFactory().createSocket(socket, null, true);
                    policy.get().applyTo(layered);
                    connected = layered;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new LineConnection(connected, server, lookupHost, publisher, factoryName, maxLineBytes,
                    handshakeMillis);
        }
    }
}
