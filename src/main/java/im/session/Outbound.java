package im.session;

import java.time.Duration;

/** Where lines for one client connection go; implemented by the transport. Never blocks. */
public interface Outbound {

    /** Queues one line (without line break) for the client; dropped once the connection is closing. */
    void send(String line);

    /** Queues a last line, then closes the connection once everything queued is written. */
    void sendAndClose(String lastLine);

    /**
     * Waits until the lines queued so far are written, or {@code max} has passed; false then.
     * Lets a long replay go page by page instead of overflowing the bounded queue.
     */
    default boolean awaitDrained(Duration max) {
        return true;
    }
}
