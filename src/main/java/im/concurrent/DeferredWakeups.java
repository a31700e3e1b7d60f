package im.concurrent;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets a thread that queues lines for many connections at once (the inbox's delivery of a
 * stored batch: a message to one client, the {@code OK} of another's) start each
 * connection's writer once, when it is done, instead of at the first line: the writer then
 * finds every line of the batch queued and sends them in one write, rather than racing
 * ahead with the first. An event loop's turn is such a call too, for the inbox's writer: its
 * {@link ConsumerQueue} wakes it once, when the turn is done, for every message the turn posted.
 *
 * <p>A coupling by convention, through a {@code ThreadLocal}: {@code EventLoop}'s turn and
 * {@code InboxWriter}'s delivery call {@link #batched}; {@code ConsumerQueue.add} and
 * {@code Outbox.send} {@link #defer}. docs/ARCHITECTURE.md ("The path of a SEND") lists the hops.
 */
public final class DeferredWakeups {

    private static final ThreadLocal<List<Runnable>> deferred = new ThreadLocal<>();

    private DeferredWakeups() {
    }

    /** Runs {@code work}; writers it would start start when it returns (or throws). */
    public static void batched(Runnable work) {
        if (deferred.get() != null) {
            work.run();
            return;
        }
        List<Runnable> starts = new ArrayList<>();
        deferred.set(starts);
        try {
            work.run();
        } finally {
            deferred.remove();
            starts.forEach(Runnable::run);
        }
    }

    /** Keeps {@code start} for the end of the current {@link #batched} call; false if there is none. */
    public static boolean defer(Runnable start) {
        List<Runnable> starts = deferred.get();
        if (starts == null) {
            return false;
        }
        starts.add(start);
        return true;
    }
}
