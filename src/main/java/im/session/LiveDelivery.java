package im.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The live messages of one connection's user, in inbox position order, with the hold that
 * keeps them out of a replay or a history while it is being sent. The inbox writer and the
 * connection's commands both call it, so it is guarded by itself.
 */
public final class LiveDelivery {

    private final Outbound outbound;
    /** Non-null while a replay or a HISTORY is being sent: live messages wait here. */
    private List<HeldMessage> held;
    /** The inbox position replayed up to: a live copy at or below it was sent already. */
    private long deliveredThrough;

    private record HeldMessage(long position, String line) {
    }

    LiveDelivery(Outbound outbound) {
        this.outbound = outbound;
    }

    /** A live message: one that a replay sent already is dropped, and while held they wait. */
    public synchronized void deliver(long position, String line) {
        if (held != null) {
            held.add(new HeldMessage(position, line));
        } else if (position > deliveredThrough) {
            outbound.send(line);
        }
    }

    /** Live messages wait from now on, so that a replay or history is not interleaved with them. */
    public synchronized void hold() {
        if (held == null) {
            held = new ArrayList<>();
        }
    }

    /** Sends the live messages that waited, but those at or below {@code replayedThrough}. */
    public synchronized void release(long replayedThrough) {
        deliveredThrough = Math.max(deliveredThrough, replayedThrough);
        if (held != null) {
            for (HeldMessage message : held) {
                if (message.position() > deliveredThrough) {
                    outbound.send(message.line());
                }
            }
            held = null;
        }
    }

    /** Forgets the hold and the replay position: the user logged out. */
    synchronized void reset() {
        held = null;
        deliveredThrough = 0;
    }
}
