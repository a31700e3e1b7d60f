package im.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The reading half of a {@link LoopConnection}, on the loop thread only: reads what arrived,
 * frames it into lines and hands them on in order. While reading is paused it keeps the bytes it
 * had read but not framed, and the socket keeps the rest.
 */
final class LoopReads {

    /** Where the lines, the end of the input and a failed read go. */
    interface Sink {

        void dispatch(Object line);

        void inputEnded();

        void ended(IOException e);
    }

    private final SocketChannel channel;
    private final LineFramer framer;
    /** TLS over the connection, or null for a plain one. */
    private final LoopTls tls;
    private final LoopTls.Peer tlsPeer;
    private final Sink sink;
    /** Set when the loop registers the connection. */
    private SelectionKey key;
    private BooleanSupplier mayRead;
    /** Bytes read but not yet framed when reading paused: framed first when it resumes. */
    private byte[] held;

    LoopReads(SocketChannel channel, int maxLineBytes, LoopTls tls, LoopTls.Peer tlsPeer, Sink sink) {
        this.channel = channel;
        this.framer = new LineFramer(maxLineBytes);
        this.tls = tls;
        this.tlsPeer = tlsPeer;
        this.sink = sink;
    }

    void registered(SelectionKey key) {
        this.key = key;
    }

    boolean paused() {
        return mayRead != null;
    }

    /** Once the selector says bytes (or the end) arrived. */
    void readable(ByteBuffer buffer) {
        if (mayRead != null) {
            // Paused while this key was already selected: the bytes wait in the socket.
            return;
        }
        try {
            if (tls != null) {
                if (channel.read(tls.readBuffer()) < 0) {
                    tls.endOfInput();
                    sink.inputEnded();
                } else {
                    tls.unwrap(tlsPeer);
                }
                return;
            }
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
                sink.inputEnded();
            } else {
                frame(buffer.array(), 0, read);
            }
        } catch (IOException e) {
            sink.ended(e);
        }
    }

    void frame(byte[] bytes, int from, int to) {
        int at = from;
        while (at < to) {
            if (mayRead != null) {
                held = Arrays.copyOfRange(bytes, at, to);
                return;
            }
            at = framer.feed(bytes, at, to);
            Object line = framer.takeLine();
            if (line != null) {
                sink.dispatch(line);
            }
        }
    }

    /** What the framer still holds goes on, and the socket is read no more. */
    void endOfInput() {
        Object last = framer.endOfInput();
        if (last != null) {
            sink.dispatch(last);
        }
        key.interestOps(0);
    }

    /** Called from a dispatch: {@link #frame} keeps the rest of the read. */
    void pause(BooleanSupplier mayRead) {
        this.mayRead = mayRead;
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    /** Reads again if {@code mayRead} says so: first what was held, then the socket. */
    void resume() {
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
                sink.ended(e);
                return;
            }
        }
        if (mayRead == null && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
    }
}
