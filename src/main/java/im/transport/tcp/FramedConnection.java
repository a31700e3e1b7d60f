package im.transport.tcp;

import im.protocol.ErrorCode;
import im.protocol.MessageText;
import im.protocol.Reply;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.messaging.MessageHeaders;

/**
 * A client connection whose transport frames each line itself (a WebSocket: one line per text
 * frame), as {@link ClientConnections} drives it: the transport hands in whole lines on its own
 * receiving thread, and writes each batch of lines through its {@link Socket}, blocking.
 */
public final class FramedConnection implements LineSocket {

    /** The transport's side: writing and closing. */
    public interface Socket {

        /** Writes one batch: lines, each ending in a line break; blocks until written, throws if it cannot. */
        void write(ByteBuffer batch);

        /** Closes the connection; the transport then reports it with {@link FramedConnection#closed}. */
        void close();
    }

    private static final RefusedLine SEVERAL_LINES = new RefusedLine(
            Reply.error(ErrorCode.SYNTAX, "one line per WebSocket frame; frame discarded"));

    private final String id;
    private final ClientConnections connections;
    private final int maxLineBytes;
    private final ReadPause readPause = new ReadPause();

    FramedConnection(String id, ClientConnections connections, int maxLineBytes) {
        this.id = id;
        this.connections = connections;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * A line as it arrived (without a line break); called on the transport's receiving thread,
     * one line at a time. Blocks while too many of the connection's commands wait, which pushes
     * back on a client that sends faster than it is answered.
     */
    public void received(String line) {
        // A line of at most a third of the limit in chars fits in bytes: no count for the usual short line.
        boolean tooLong = line.length() * 3L > maxLineBytes && MessageText.utf8Length(line) > maxLineBytes;
        connections.received(id, tooLong ? LineTooLong.INSTANCE : line);
    }

    /** A frame over the line limit, discarded: answered with ERR LINE_TOO_LONG in its turn. */
    public void receivedTooLong() {
        connections.received(id, LineTooLong.INSTANCE);
    }

    /** A frame that is no line: answered with ERR SYNTAX in its turn, as a line would be. */
    public void receivedSeveralLines() {
        connections.received(id, SEVERAL_LINES);
    }

    /** The transport closed: the session ends after its last command. */
    public void closed() {
        connections.closed(id);
        resumeReading();
    }

    @Override
    public MessageHeaders headers() {
        throw new UnsupportedOperationException("a framed connection's batches go to its socket, not a channel");
    }

    /** The greeting goes out at once: the transport hands in no line before it has opened the connection. */
    @Override
    public void beforeReading(Runnable action) {
        action.run();
    }

    /** A WebSocket ends with a close frame, not a half-closed input: nothing waits for its last replies. */
    @Override
    public void atEndOfInput(Consumer<Runnable> action) {
    }

    /** Blocks the receiving thread, which is the caller, until {@code mayRead} or the connection closes. */
    @Override
    public void pauseReading(BooleanSupplier mayRead) {
        readPause.await(mayRead, () -> connections.isOpen(id));
    }

    @Override
    public void resumeReading() {
        readPause.wake();
    }

}
