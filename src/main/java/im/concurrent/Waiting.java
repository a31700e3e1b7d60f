package im.concurrent;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting on a monitor for a condition, at most so long: the loop every such wait needs, once. */
public final class Waiting {

    private Waiting() {
    }

    /**
     * Waits on {@code monitor}, whose lock the caller holds and whose {@code notifyAll} follows
     * each change of {@code done}, until {@code done} holds; false if {@code max} ran out first.
     */
    public static boolean until(Object monitor, BooleanSupplier done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(monitor, left);
        }
        return true;
    }
}
