package im.transport.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * A client connection read by an {@link EventLoop}: its lines go to Spring Integration's
 * inbound adapter in the order they arrived, from the loop thread. Writes never block: the
 * outbox's writer runs on the loop too, and what the socket does not take at once waits in
 * {@link LoopWrites} until the loop finds the socket writable.
 */
final class LoopConnection extends TcpConnectionSupport implements LineSocket, LoopReads.Sink {

    private static final Logger log = LoggerFactory.getLogger(LoopConnection.class);

    private final SocketChannel channel;
    private final EventLoop loop;
    private final ConnectionHeaders headers;
    /** Set on the loop thread when it registers the connection; read there only. */
    private SelectionKey key;
    private volatile Runnable beforeReading = () -> { };
    private volatile Consumer<Runnable> atEndOfInput = Runnable::run;

    /** TLS over this connection, or null for a plain one. */
    private final LoopTls tls;
    private final int handshakeMillis;
    /** Over the limits, TLS: closed at registration, before any handshake. */
    private volatile boolean refused;

    private final LoopReads reads;
    private final LoopWrites writes;

    /** @param tls TLS over the connection (null: plain), to be handshaken within {@code handshakeMillis} */
    LoopConnection(SocketChannel channel, EventLoop loop, int maxLineBytes,
            ApplicationEventPublisher publisher, String factoryName, SSLEngine tls, int handshakeMillis) {
        super(channel.socket(), true, false, publisher, factoryName);
        this.tls = tls == null ? null : new LoopTls(tls);
        this.handshakeMillis = handshakeMillis;
        this.channel = channel;
        this.loop = loop;
        this.headers = new ConnectionHeaders(getConnectionId());
        this.reads = new LoopReads(channel, maxLineBytes, this.tls, tlsPeer, this);
        this.writes = new LoopWrites(channel, loop);
    }

    /** On the loop thread: greets (a TLS connection once its handshake is done), then reads. */
    void register() {
        try {
            key = channel.register(loop.selector(), 0, this);
            reads.registered(key);
            writes.registered(key);
        } catch (ClosedChannelException e) {
            close();
            return;
        }
        // As a Net connection does when its reader starts: for any listener of Spring Integration's events.
        publishConnectionOpenEvent();
        if (refused) {
            close();
            return;
        }
        if (tls != null) {
            tls.deadline(handshakeMillis, loop, this::close);
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        beforeReading.run();
        if (key.isValid() && !reads.paused()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
        writes.watchWhatWaits();
    }

    @Override
    public MessageHeaders headers() {
        return headers;
    }

    @Override
    public void beforeReading(Runnable action) {
        this.beforeReading = action;
    }

    @Override
    public void atEndOfInput(Consumer<Runnable> action) {
        this.atEndOfInput = action;
    }

    /** On the loop thread, once the selector says bytes (or the end) arrived. */
    void readable(ByteBuffer buffer) {
        reads.readable(buffer);
    }

    private final LoopTls.Peer tlsPeer = new LoopTls.Peer() {
        @Override
        public void received(byte[] bytes, int from, int to) {
            reads.frame(bytes, from, to);
        }

        @Override
        public void send(ByteBuffer records) {
            sendRecords(records);
        }

        @Override
        public void handshaken() {
            beforeReading.run();
        }

        @Override
        public void closed() {
            inputEnded();
        }

        @Override
        public boolean paused() {
            return reads.paused();
        }
    };

    @Override
    public void dispatch(Object line) {
        TcpListener listener = getListener();
        if (listener != null && channel.isOpen()) {
            listener.onMessage(new GenericMessage<>(line, headers));
        }
    }

    @Override
    public void inputEnded() {
        reads.endOfInput();
        // Closes once the client's last commands have run and their replies are out: no thread waits for that.
        atEndOfInput.accept(this::close);
    }

    /**
     * A client that resets its connection is routine for a server on a network: closed
     * quietly, logged at debug.
     */
    @Override
    public void ended(IOException e) {
        if (log.isDebugEnabled()) {
            log.debug("Connection {} ended: {}", getConnectionId(), e.toString());
        }
        close();
    }

    @Override
    public void pauseReading(BooleanSupplier mayRead) {
        reads.pause(mayRead);
    }

    @Override
    public void resumeReading() {
        loop.execute(reads::resume);
    }

    /**
     * The loop writes its connections' outboxes. Not the thread that queued the line: lines
     * queued while the loop is busy go out together (a presence event queues one line for
     * every session, and written at once each would cost a system call).
     */
    @Override
    public Executor writers(Executor threads) {
        return loop::execute;
    }

    @Override
    public ByteBuffer batchBuffer(int size) {
        return loop.batchBuffer(size);
    }

    /** The outbox's writer, one batch at a time ({@link LoopWrites#write}). */
    @Override
    public void send(Message<?> message) {
        ByteBuffer batch = (ByteBuffer) message.getPayload();
        try {
            writes.write(tls != null ? tls.wrap(batch, tlsPeer) : batch);
        } catch (IOException e) {
            // The outbound adapter closes the connection on this.
            throw new UncheckedIOException(e);
        }
    }

    private void sendRecords(ByteBuffer records) {
        try {
            writes.writeRecords(records);
        } catch (IOException e) {
            ended(e);
        }
    }

    /**
     * Over the limits: a TLS connection is closed without a greeting, since a {@code BYE}
     * would need a handshake first.
     */
    @Override
    public boolean closeWithoutGreeting() {
        refused = tls != null;
        return refused;
    }

    @Override
    public boolean backedUp(Runnable whenWritten) {
        return writes.backedUp(whenWritten);
    }

    /** On the loop thread, once the socket takes bytes again. */
    void writable() {
        try {
            writes.writable();
        } catch (IOException e) {
            ended(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close(); // once: closing a closed channel does nothing
        } catch (IOException e) {
            log.debug("Closing {}: {}", getConnectionId(), e.toString());
        }
        super.close();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public Object getPayload() {
        throw new UnsupportedOperationException("an event loop connection hands its lines on as they are framed");
    }

    @Override
    public int getPort() {
        return channel.socket().getPort();
    }

    @Override
    public Object getDeserializerStateKey() {
        return this;
    }

    @Override
    public SSLSession getSslSession() {
        return tls == null ? null : tls.engine().getSession();
    }

    @Override
    public void run() {
        // Nothing: the event loop reads this connection, no thread of its own does.
    }
}
