package im.transport.tcp;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.messaging.MessageHeaders;

/**
 * A client connection as {@link ClientConnections} drives it, whichever way it is read: by a
 * thread of its own ({@link LineConnection}) or by an event loop ({@link LoopConnection}).
 */
interface LineSocket {

    /** The headers of every message to or from this connection. */
    MessageHeaders headers();

    /** Runs before the first read, when every sender knows the connection: the greeting. */
    void beforeReading(Runnable action);

    /**
     * Runs when the client has closed its side; the action calls its argument once the last
     * replies are out (on any thread, or never if the connection closes first), and the
     * connection closes then. It never blocks.
     */
    void atEndOfInput(Consumer<Runnable> action);

    /**
     * Stops reading until {@link #resumeReading} finds {@code mayRead} true; called on the
     * thread that hands this connection's lines on, from inside that hand-off.
     */
    void pauseReading(BooleanSupplier mayRead);

    /** Lets a paused connection read again, if its {@code mayRead} agrees; any thread. */
    void resumeReading();

    /**
     * Where the outbox runs its writer: by default on a thread of its own, since a write may
     * block when the client does not read; {@code inline} where writes never block (they keep
     * what the socket did not take).
     */
    default Executor writers(Executor threads) {
        return threads;
    }

    /**
     * A buffer for the outbox's next batch of {@code size} bytes, on its writer's thread: by
     * default a new heap buffer, the event loop's own where the loop writes.
     */
    default ByteBuffer batchBuffer(int size) {
        return ByteBuffer.allocate(size);
    }

    /**
     * True if the socket still holds bytes of the last batch it was given; {@code whenWritten}
     * then runs once they are out. A connection whose writes block (the default) never holds any.
     */
    default boolean backedUp(Runnable whenWritten) {
        return false;
    }

    /**
     * For a connection over the limits: true if it will be closed without a greeting (a TLS
     * connection, whose BYE would need a handshake first, and a thread to wait for it); false
     * if the caller should send HELLO and BYE.
     */
    default boolean closeWithoutGreeting() {
        return false;
    }
}
