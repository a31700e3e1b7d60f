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
 * whether it is in its handshake or silent after it. Loop thread only, but for {@link #wrap},
 * which the connection's writer calls, on the loop too.
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

        /** Bytes for the socket (handshake messages), in order. */
        void send(ByteBuffer records);

        /** The handshake is done: the connection may greet its client. */
        void handshaken();

        /** The client closed its side of TLS (close_notify). */
        void closed();

        /** Whether the connection stopped reading for now; unwrapping waits until it reads again. */
        boolean paused();
    }

    private final SSLEngine engine;
    /** Bytes read and not yet unwrapped; in write mode between calls. */
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private boolean handshaken;

    LoopTls(SSLEngine engine) {
        this.engine = engine;
        engine.setUseClientMode(false);
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
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

    /** Where the socket's bytes go: room for at least one more byte. */
    ByteBuffer readBuffer() {
        if (!netIn.hasRemaining()) {
            netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());
        }
        return netIn;
    }

    /** Unwraps what was read, as far as the peer reads; the rest waits in the buffer. */
    void unwrap(Peer peer) throws SSLException {
        netIn.flip();
        try {
            while (netIn.hasRemaining() && !peer.paused()) {
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                if (appIn.position() > 0) {
                    appIn.flip();
                    peer.received(appIn.array(), 0, appIn.limit());
                    appIn.clear();
                }
                switch (result.getStatus()) {
                    case BUFFER_UNDERFLOW:
                        return;
                    case BUFFER_OVERFLOW:
                        appIn = ByteBuffer.allocate(appIn.capacity() * 2);
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
            netIn.compact();
        }
    }

    /** The records of a batch of lines, ready for the socket. */
    ByteBuffer wrap(ByteBuffer lines, Peer peer) throws SSLException {
        if (!handshaken) {
            // Only a shutdown's BYE can come this early; it cannot be sent before the handshake.
            throw new SSLException("the TLS handshake is not done");
        }
        int records = lines.remaining() / MAX_RECORD_PLAINTEXT + 1;
        ByteBuffer out = ByteBuffer.allocate(records * engine.getSession().getPacketBufferSize());
        while (lines.hasRemaining()) {
            SSLEngineResult result = engine.wrap(lines, out);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                out = ByteBuffer.allocate(out.capacity() * 2).put(out.flip());
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
                    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
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
