package im.session;

/** Where lines for one client connection go; implemented by the transport. Never blocks. */
public interface Outbound {

    /** Queues one line (without line break) for the client; dropped once the connection is closing. */
    void send(String line);

    /** Queues a last line, then closes the connection once everything queued is written. */
    void sendAndClose(String lastLine);
}
