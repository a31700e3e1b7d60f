package im.throttle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * An ERROR that a client can cause again and again (a full disk refusing every SEND): logged at
 * most once per interval, with the count of those left out since, so that nobody can flood the
 * log by repeating a request.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    public void error(String message, Throwable cause) {
        long now = System.nanoTime();
        long next = nextNanos.get();
        if (now - next >= 0 && nextNanos.compareAndSet(next, now + intervalNanos)) {
            long left = suppressed.getAndSet(0);
            log.error(message + (left > 0 ? " (and " + left + " more like it since the last of these)" : ""), cause);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
