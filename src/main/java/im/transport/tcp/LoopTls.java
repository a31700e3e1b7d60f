package im.transport.tcp;

import im.concurrent.Threads;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS for one {@link LoopConnection}, driven by its event loop through the JDK's
 * {@link SSLEngine}: bytes read are unwrapped into lines' bytes, batches are wrapped into
 * records, and the handshake is answered as its messages arrive. No thread waits for a client,
 * whether it is in its handshake or silent after it. The socket is read into, unwrapped into,
 * and wrapped into buffers of the thread's own; a connection keeps a buffer only for a record
 * split across reads, so that an idle TLS connection costs its engine and no 33 KB of buffers,
 * and a busy one allocates no packet-sized buffer for each batch it sends. Loop thread only, but
 * for {@link #wrap}, which the connection's writer calls, on the loop too.
 */
final class LoopTls {

    /** One timer for every handshake's deadline: a client that never finishes holds nothing else. */
    private static final ScheduledExecutorService DEADLINES = Threads.timer("im-tls-deadlines");
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    private static final int MAX_RECORD_PLAINTEXT = 16384;

    /** What the engine gives back to its connection. */
    interface Peer {

        /** Application bytes, in order. */
        void received(byte[] bytes, int from, int to);

        /** Bytes for the socket (handshake messages), in order, in a buffer to write or copy now. */
        void send(ByteBuffer records);

        /** The handshake is done: the connection may greet its client. */
        void handshaken();

        /** The client closed its side of TLS (close_notify). */
        void closed();

        /** Whether the connection stopped reading for now; unwrapping waits until it reads again. */
        boolean paused();
    }

    /**
     * A thread's buffers: what it reads, and what it unwraps that into, empty between calls; and
     * what it wraps into, which the socket's write empties or copies before the next wrap.
     */
    private static final class ThreadBuffers {
        ByteBuffer netIn = NOTHING;
        ByteBuffer appIn = NOTHING;
        ByteBuffer netOut = NOTHING;

        ByteBuffer netOut(int bytes) {
            netOut = atLeast(netOut, bytes);
            return netOut.clear();
        }
    }

    private static ByteBuffer atLeast(ByteBuffer buffer, int bytes) {
        return buffer.capacity() >= bytes ? buffer : ByteBuffer.allocate(bytes);
    }

    /** A buffer twice as large holding what {@code full} (in write mode) holds. */
    private static ByteBuffer doubled(ByteBuffer full) {
        return ByteBuffer.allocate(full.capacity() * 2).put(full.flip());
    }

    private static final ThreadLocal<ThreadBuffers> THREAD_BUFFERS = ThreadLocal.withInitial(ThreadBuffers::new);

    private final SSLEngine engine;
    /** Bytes read and not unwrapped yet (part of a record, or records held while paused), in write mode; or null. */
    private ByteBuffer netIn;
    /** The buffer the last {@link #readBuffer} gave, which {@link #unwrap} takes: {@link #netIn} or the thread's. */
    private ByteBuffer reading;
    private boolean handshaken;
    /** The session's buffer sizes, read once: {@code getSession()} takes the engine's lock. */
    private final int packetBytes;
    private final int applicationBytes;

    LoopTls(SSLEngine engine) {
        this.engine = engine;
        engine.setUseClientMode(false);
        this.packetBytes = engine.getSession().getPacketBufferSize();
        this.applicationBytes = engine.getSession().getApplicationBufferSize();
    }

    SSLEngine engine() {
        return engine;
    }

    boolean handshaken() {
        return handshaken;
    }

    /** Closes {@code connection} if its handshake is not done within {@code millis}, on {@code loop}. */
    void deadline(long millis, EventLoop loop, Runnable close) {
        DEADLINES.schedule(() -> loop.execute(() -> {
            if (!handshaken) {
                close.run();
            }
        }), millis, TimeUnit.MILLISECONDS);
    }

    /** Where the socket's bytes go, for {@link #unwrap} next: room for at least one more byte. */
    ByteBuffer readBuffer() {
        if (netIn == null) {
            ThreadBuffers buffers = THREAD_BUFFERS.get();
            buffers.netIn = atLeast(buffers.netIn, packetBytes);
            reading = buffers.netIn.clear();
        } else {
            if (!netIn.hasRemaining()) {
                netIn = doubled(netIn);
            }
            reading = netIn;
        }
        return reading;
    }

    /**
     * Unwraps what was read (or held), as far as the peer reads; what is left, part of a record
     * or records the peer did not take yet, the connection keeps.
     */
    void unwrap(Peer peer) throws SSLException {
        ByteBuffer in = reading != null ? reading : netIn;
        reading = null;
        if (in == null) {
            return;
        }
        in.flip();
        ThreadBuffers buffers = THREAD_BUFFERS.get();
        buffers.appIn = atLeast(buffers.appIn, applicationBytes);
        try {
            while (in.hasRemaining() && !peer.paused()) {
                ByteBuffer appIn = buffers.appIn;
                SSLEngineResult result = engine.unwrap(in, appIn);
                if (appIn.position() > 0) {
                    appIn.flip();
                    peer.received(appIn.array(), 0, appIn.limit());
                    appIn.clear();
                }
                switch (result.getStatus()) {
                    case BUFFER_UNDERFLOW:
                        return;
                    case BUFFER_OVERFLOW:
                        buffers.appIn = ByteBuffer.allocate(appIn.capacity() * 2);
                        continue;
                    case CLOSED:
                        peer.closed();
                        return;
                    default:
                        break;
                }
                handshake(result.getHandshakeStatus(), peer);
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    return;
                }
            }
        } finally {
            keep(in);
        }
    }

    /** After unwrapping {@code in} (in read mode): the connection keeps what is left, and only that. */
    private void keep(ByteBuffer in) {
        if (!in.hasRemaining()) {
            netIn = null;
        } else if (in == netIn) {
            netIn.compact();
        } else {
            int size = Math.max(packetBytes, in.remaining());
            netIn = ByteBuffer.allocate(size).put(in);
        }
        if (in != netIn) {
            in.clear();
        }
    }

    /**
     * The records of a batch of lines, ready for the socket, in the thread's buffer: the caller
     * writes them, or copies what the socket does not take, before this thread wraps again.
     */
    ByteBuffer wrap(ByteBuffer lines, Peer peer) throws SSLException {
        if (!handshaken) {
            // Only a shutdown's BYE can come this early; it cannot be sent before the handshake.
            throw new SSLException("the TLS handshake is not done");
        }
        ThreadBuffers buffers = THREAD_BUFFERS.get();
        int records = lines.remaining() / MAX_RECORD_PLAINTEXT + 1;
        ByteBuffer out = buffers.netOut(records * packetBytes);
        while (lines.hasRemaining()) {
            SSLEngineResult result = engine.wrap(lines, out);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                buffers.netOut = out = doubled(out);
            } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("the TLS session is closed");
            } else if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                throw new SSLException("the TLS engine takes no more: " + result);
            }
        }
        return out.flip();
    }

    /** The client's side ended without close_notify: nothing more can be read. */
    void endOfInput() {
        reading = null;
        try {
            engine.closeInbound();
        } catch (SSLException truncated) {
            // A client that just closes its socket: as routine as a plain one's.
        }
    }

    private HandshakeStatus handshake(HandshakeStatus status, Peer peer) throws SSLException {
        while (true) {
            switch (status) {
                case NEED_TASK -> {
                    // Signing and key agreement: about a millisecond, here rather than on another thread.
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                    status = engine.getHandshakeStatus();
                }
                case NEED_WRAP -> {
                    // The peer's send writes the records or copies what the socket does not take.
                    ByteBuffer out = THREAD_BUFFERS.get().netOut(packetBytes);
                    SSLEngineResult result = engine.wrap(NOTHING, out);
                    if (out.position() > 0) {
                        peer.send(out.flip());
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return HandshakeStatus.NOT_HANDSHAKING;
                    }
                    status = result.getHandshakeStatus();
                }
                case FINISHED -> {
                    if (!handshaken) {
                        handshaken = true;
                        peer.handshaken();
                    }
                    status = engine.getHandshakeStatus();
                    if (status == HandshakeStatus.FINISHED || status == HandshakeStatus.NOT_HANDSHAKING) {
                        return HandshakeStatus.NOT_HANDSHAKING;
                    }
                }
                default -> {
                    if (status == HandshakeStatus.NOT_HANDSHAKING && !handshaken) {
                        handshaken = true;
                        peer.handshaken();
                    }
                    return status;
                }
            }
        }
    }
}
