package im.transport.tcp;

import java.util.function.BooleanSupplier;

/**
 * How a connection read by a thread of its own pauses: that thread waits here until its
 * connection may read again ({@link ClientConnection}'s count of waiting commands) or is gone.
 */
final class ReadPause {

    /** Blocks the caller until {@code mayRead} or no longer {@code open}; rechecks every second in case a wake-up went by. */
    synchronized void await(BooleanSupplier mayRead, BooleanSupplier open) {
        while (!mayRead.getAsBoolean() && open.getAsBoolean()) {
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized void wake() {
        notifyAll();
    }
}
