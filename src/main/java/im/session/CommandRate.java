package im.session;

import im.throttle.TokenBucket;

/**
 * A connection's command rate: a token per command, and how many were refused in a row so
 * that a client that keeps on can be disconnected. Only the thread running the connection's
 * command touches the count (commands of a connection run one at a time).
 */
public final class CommandRate {

    private final TokenBucket bucket;
    private int refusedInARow;

    public CommandRate(double burst, double perSecond, long nowNanos) {
        this.bucket = new TokenBucket(burst, perSecond, nowNanos);
    }

    /** Takes a token for one command; returns 0 if allowed, else the commands refused in a row. */
    public int take(long nowNanos) {
        if (bucket.tryTake(nowNanos)) {
            refusedInARow = 0;
            return 0;
        }
        return ++refusedInARow;
    }

    /** Seconds until the next command is allowed, at least 1. */
    public long secondsUntilNext(long nowNanos) {
        return bucket.secondsUntilNext(nowNanos);
    }
}
