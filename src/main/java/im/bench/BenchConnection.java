package im.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import jdk.net.ExtendedSocketOptions;

/**
 * One load-generator connection: buffered writes, lines cut from reads, no thread of its own;
 * over TLS (the JDK's {@link SSLEngine}, driven by the generator's loop) when asked.
 */
final class BenchConnection {

    final int index;
    final String user;
    final SocketChannel channel;
    SelectionKey key;
    int inFlight;
    int setupRepliesLeft;
    /** The last message delivered since the last acknowledgement, or null. */
    String lastDelivered;
    /** Messages delivered since the last acknowledgement. */
    int unacknowledged;
    /** Has lines queued since the last flush, and is on the generator's list to flush. */
    boolean dirty;

    private ByteBuffer out = ByteBuffer.allocate(4096);
    /** Lines' bytes read (over TLS: unwrapped) and not cut yet; room for a whole TLS record's. */
    private final ByteBuffer in = ByteBuffer.allocate(32 * 1024);
    /** Over TLS: the engine, records to write, and records read but not unwrapped yet; else null. */
    private final SSLEngine tls;
    private ByteBuffer recordsOut;
    private final ByteBuffer recordsIn;

    /** Frames lines over WebSocket; null over plain TCP. */
    private final WebSocketFrames frames;
    /** Linux leaves quick-acknowledgement mode by itself, so it is asked for again after each read. */
    private final boolean quickAck;

    BenchConnection(int index, String user, SocketChannel channel, BenchSettings settings) {
        this.index = index;
        this.user = user;
        this.channel = channel;
        this.frames = settings.webSocket() ? new WebSocketFrames() : null;
        this.quickAck = settings.quickAck();
        if (settings.tlsContext() != null) {
            tls = settings.tlsContext().createSSLEngine(settings.server(index).getHostString(),
                    settings.server(index).getPort());
            tls.setUseClientMode(true);
            recordsOut = ByteBuffer.allocate(tls.getSession().getPacketBufferSize());
            recordsIn = ByteBuffer.allocate(tls.getSession().getPacketBufferSize());
        } else {
            tls = null;
            recordsIn = null;
        }
        if (frames != null) {
            out.put(WebSocketFrames.upgradeRequest(settings.server(index).getHostString(),
                    settings.server(index).getPort()));
        }
    }

    void queue(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int size = frames == null ? bytes.length + 1 : WebSocketFrames.frameSize(bytes.length);
        if (out.remaining() < size) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + size));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        if (frames == null) {
            out.put(bytes).put((byte) '\n');
        } else {
            frames.frame(bytes, out);
        }
    }

    /** Writes what the socket takes; asks for OP_WRITE while anything is left. Waits for a connect. */
    void flush() throws IOException {
        if (channel.isConnectionPending()) {
            return;
        }
        int left;
        if (tls == null) {
            out.flip();
            channel.write(out);
            out.compact();
            left = out.position();
        } else {
            wrap();
            recordsOut.flip();
            channel.write(recordsOut);
            recordsOut.compact();
            left = recordsOut.position();
        }
        int ops = left > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Reads what is there and hands each complete line on; false at end of stream. */
    boolean read(Consumer<String> onLine) throws IOException {
        int read = channel.read(tls == null ? in : recordsIn);
        if (read < 0) {
            return false;
        }
        if (quickAck) {
            channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        }
        if (tls == null) {
            return cut(onLine);
        }
        while (true) {
            int recordsBefore = recordsIn.position();
            if (!unwrap() || !cut(onLine)) {
                return false;
            }
            // The lines' buffer filled before every record read was unwrapped: go on with the rest.
            if (recordsIn.position() == 0 || recordsIn.position() == recordsBefore) {
                return true;
            }
        }
    }

    /** Hands each complete line in {@link #in} on, keeping the rest; false at the WebSocket's close. */
    private boolean cut(Consumer<String> onLine) throws IOException {
        in.flip();
        if (frames != null) {
            boolean open = frames.read(in, onLine);
            in.compact();
            return open;
        }
        int start = in.position();
        for (int i = in.position(); i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                int end = i > start && in.get(i - 1) == '\r' ? i - 1 : i;
                onLine.accept(new String(in.array(), start, end - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        in.position(start);
        in.compact();
        if (!in.hasRemaining()) {
            throw new IOException("A line longer than the read buffer from the server");
        }
        return true;
    }

    /** Wraps the handshake's messages, then (once it is done) the lines queued, into records to write. */
    private void wrap() throws IOException {
        while (true) {
            SSLEngineResult.HandshakeStatus status = tls.getHandshakeStatus();
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            boolean handshaking = status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
            if (handshaking && status != SSLEngineResult.HandshakeStatus.NEED_WRAP || !handshaking && out.position() == 0) {
                return;
            }
            out.flip();
            SSLEngineResult result = tls.wrap(out, recordsOut);
            out.compact();
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                recordsOut = ByteBuffer.allocate(recordsOut.capacity() * 2).put(recordsOut.flip());
            } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new IOException("The server closed TLS");
            }
        }
    }

    /** Unwraps the records read into {@link #in}; answers the handshake as it goes. False once TLS closed. */
    private boolean unwrap() throws IOException {
        recordsIn.flip();
        try {
            while (recordsIn.hasRemaining()) {
                SSLEngineResult result = tls.unwrap(recordsIn, in);
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return false;
                }
                if (result.getStatus() != SSLEngineResult.Status.OK) {
                    // Part of a record (the rest comes with the next read), or no room left in the lines' buffer.
                    break;
                }
                if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                if (result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                    // The handshake's answer, or the lines that waited for its end.
                    flush();
                }
            }
            return true;
        } finally {
            recordsIn.compact();
        }
    }

    private void runTasks() {
        for (Runnable task = tls.getDelegatedTask(); task != null; task = tls.getDelegatedTask()) {
            task.run();
        }
    }
}
