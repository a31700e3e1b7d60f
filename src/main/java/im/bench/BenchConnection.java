package im.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;

/** One load-generator connection: buffered writes, lines cut from reads, no thread of its own. */
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
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);

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
        out.flip();
        channel.write(out);
        out.compact();
        int ops = out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Reads what is there and hands each complete line on; false at end of stream. */
    boolean read(Consumer<String> onLine) throws IOException {
        int read = channel.read(in);
        if (read < 0) {
            return false;
        }
        if (quickAck) {
            channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        }
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
}
