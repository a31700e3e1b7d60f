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
 * outbox's writer runs on the loop too, and what the socket does not take at once stays here
 * until the loop finds the socket writable, while the outbox waits.
 */
final class LoopConnection extends TcpConnectionSupport implements LineSocket {

    private static final Logger log = LoggerFactory.getLogger(LoopConnection.class);

    private final SocketChannel channel;
    private final EventLoop loop;
    private final Executor blockingTasks;
    private final LineFramer framer;
    private final ConnectionHeaders headers;
    /** Set on the loop thread when it registers the connection; read there only. */
    private SelectionKey key;
    private volatile Runnable beforeReading = () -> { };
    private volatile Runnable atEndOfInput = () -> { };

    // Loop thread only.
    private BooleanSupplier mayRead;
    /** Bytes read but not yet framed when reading paused: framed first when it resumes. */
    private byte[] held;

    /** TLS over this connection, or null for a plain one. */
    private final LoopTls tls;
    private final int handshakeMillis;
    /** Over the limits, TLS: closed at registration, before any handshake. */
    private volatile boolean refused;

    // Guarded by this: the writer's thread leaves them, the loop thread finishes them.
    private ByteBuffer unwritten;
    private Runnable whenWritten;

    /** @param tls TLS over the connection (null: plain), to be handshaken within {@code handshakeMillis} */
    LoopConnection(SocketChannel channel, EventLoop loop, Executor blockingTasks, int maxLineBytes,
            ApplicationEventPublisher publisher, String factoryName, SSLEngine tls, int handshakeMillis) {
        super(channel.socket(), true, false, publisher, factoryName);
        this.tls = tls == null ? null : new LoopTls(tls);
        this.handshakeMillis = handshakeMillis;
        this.channel = channel;
        this.loop = loop;
        this.blockingTasks = blockingTasks;
        this.framer = new LineFramer(maxLineBytes);
        this.headers = new ConnectionHeaders(getConnectionId());
    }

    /** On the loop thread: greets (a TLS connection once its handshake is done), then reads. */
    void register() {
        try {
            key = channel.register(loop.selector(), 0, this);
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
        if (key.isValid() && mayRead == null) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
        synchronized (this) {
            if (unwritten != null && key.isValid()) {
                // A batch sent before the connection was registered (its OP_WRITE found no key).
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
        }
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
    public void atEndOfInput(Runnable action) {
        this.atEndOfInput = action;
    }

    /** On the loop thread, once the selector says bytes (or the end) arrived. */
    void readable(ByteBuffer buffer) {
        if (mayRead != null) {
            // Paused while this key was already selected: the bytes wait in the socket.
            return;
        }
        if (tls != null) {
            readTls();
            return;
        }
        buffer.clear();
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException e) {
            ended(e);
            return;
        }
        if (read < 0) {
            endOfInput();
        } else {
            frame(buffer.array(), 0, read);
        }
    }

    private void readTls() {
        try {
            if (channel.read(tls.readBuffer()) < 0) {
                tls.endOfInput();
                endOfInput();
                return;
            }
            tls.unwrap(tlsPeer);
        } catch (IOException e) {
            ended(e);
        }
    }

    private final LoopTls.Peer tlsPeer = new LoopTls.Peer() {
        @Override
        public void received(byte[] bytes, int from, int to) {
            frame(bytes, from, to);
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
            endOfInput();
        }

        @Override
        public boolean paused() {
            return mayRead != null;
        }
    };

    private void frame(byte[] bytes, int from, int to) {
        int at = from;
        while (at < to) {
            if (mayRead != null) {
                held = Arrays.copyOfRange(bytes, at, to);
                return;
            }
            at = framer.feed(bytes, at, to);
            Object line = framer.takeLine();
            if (line != null) {
                dispatch(line);
            }
        }
    }

    private void dispatch(Object line) {
        TcpListener listener = getListener();
        if (listener != null && channel.isOpen()) {
            listener.onMessage(new GenericMessage<>(line, headers));
        }
    }

    private void endOfInput() {
        Object last = framer.endOfInput();
        if (last != null) {
            dispatch(last);
        }
        key.interestOps(0);
        // Waits for the client's last commands and their replies: not on the loop.
        blockingTasks.execute(() -> {
            atEndOfInput.run();
            close();
        });
    }

    /**
     * A client that resets its connection is routine for a server on a network: closed
     * quietly, logged at debug.
     */
    private void ended(IOException e) {
        if (log.isDebugEnabled()) {
            log.debug("Connection {} ended: {}", getConnectionId(), e.toString());
        }
        close();
    }

    @Override
    public void pauseReading(BooleanSupplier mayRead) {
        // Called from dispatch, on the loop thread: frame() keeps the rest of the read.
        this.mayRead = mayRead;
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    @Override
    public void resumeReading() {
        loop.execute(() -> {
            if (mayRead == null || !mayRead.getAsBoolean() || !key.isValid()) {
                return;
            }
            mayRead = null;
            byte[] rest = held;
            held = null;
            if (rest != null) {
                frame(rest, 0, rest.length);
            }
            if (tls != null && mayRead == null) {
                // Records read before the pause and not yet unwrapped.
                try {
                    tls.unwrap(tlsPeer);
                } catch (IOException e) {
                    ended(e);
                    return;
                }
            }
            if (mayRead == null && key.isValid()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_READ);
            }
        });
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

    /**
     * Writes what the socket takes now; the outbox's writer, one batch at a time. The rest is
     * copied: the batch may be in the loop's buffer, which the next batch reuses.
     */
    @Override
    public void send(Message<?> message) {
        ByteBuffer batch = (ByteBuffer) message.getPayload();
        try {
            if (tls != null) {
                batch = tls.wrap(batch, tlsPeer);
            }
            channel.write(batch);
        } catch (IOException e) {
            // The outbound adapter closes the connection on this.
            throw new UncheckedIOException(e);
        }
        if (batch.hasRemaining()) {
            ByteBuffer rest = ByteBuffer.allocate(batch.remaining()).put(batch).flip();
            synchronized (this) {
                unwritten = rest;
            }
            loop.execute(() -> {
                if (key != null && key.isValid()) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                }
            });
        }
    }

    /** Handshake records, on the loop thread: after whatever the socket has not taken yet. */
    private void sendRecords(ByteBuffer records) {
        synchronized (this) {
            if (unwritten != null) {
                unwritten = ByteBuffer.allocate(unwritten.remaining() + records.remaining()).put(unwritten).put(records)
                        .flip();
                return;
            }
        }
        try {
            channel.write(records);
        } catch (IOException e) {
            ended(e);
            return;
        }
        if (records.hasRemaining()) {
            synchronized (this) {
                unwritten = ByteBuffer.allocate(records.remaining()).put(records).flip();
            }
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
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
    public synchronized boolean backedUp(Runnable whenWritten) {
        if (unwritten == null) {
            return false;
        }
        this.whenWritten = whenWritten;
        return true;
    }

    /** On the loop thread, once the socket takes bytes again. */
    void writable() {
        Runnable next;
        try {
            synchronized (this) {
                if (unwritten != null) {
                    channel.write(unwritten);
                    if (unwritten.hasRemaining()) {
                        return;
                    }
                }
                unwritten = null;
                next = whenWritten;
                whenWritten = null;
            }
        } catch (IOException e) {
            ended(e);
            return;
        }
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        if (next != null) {
            next.run();
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
