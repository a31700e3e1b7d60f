package im.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A value that each session keeps for one service, as a {@code ThreadLocal} is one per thread:
 * a service keeps what it worked out for a connection (the recipient it wrote to last) without
 * a map keyed by session and without the session knowing the service's types. Read and written
 * only by the thread running the session's command: commands of a connection run one at a
 * time, each seeing what the one before it wrote.
 */
public final class SessionLocal<T> {

    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final int index = NEXT_INDEX.getAndIncrement();

    /** This session's value, or null if none was set. */
    @SuppressWarnings("unchecked")
    public T get(Session session) {
        return (T) session.local(index);
    }

    public void set(Session session, T value) {
        session.local(index, value);
    }
}
