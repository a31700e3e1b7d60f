package im.testing;

import im.session.Outbound;
import im.session.Session;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An outbound that keeps the lines sent to a session, for service tests without sockets. */
public final class RecordingOutbound implements Outbound {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public static Session session(String id) {
        return new Session(id, "127.0.0.1", new RecordingOutbound(), null);
    }

    public static RecordingOutbound of(Session session) {
        return (RecordingOutbound) session.outbound();
    }

    @Override
    public void send(String line) {
        if (!closed) {
            lines.add(line);
        }
    }

    @Override
    public void sendAndClose(String lastLine) {
        send(lastLine);
        closed = true;
    }

    public List<String> lines() {
        return lines;
    }

    public boolean closed() {
        return closed;
    }
}
