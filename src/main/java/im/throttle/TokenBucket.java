package im.throttle;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at
 * {@code tokensPerSecond}; each action takes one. Written here rather than taken from a library
 * because it is these twenty lines. Thread-safe.
 */
public final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double capacity, double tokensPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.tokensPerNano = tokensPerSecond / 1e9;
        this.tokens = capacity;
        this.refilledAt = nowNanos;
    }

    /** Takes a token if there is one. */
    public synchronized boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Whole seconds until the next token, at least 1: the {@code retry after} of a refusal. */
    public synchronized long secondsUntilNext(long nowNanos) {
        refill(nowNanos);
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano / 1e9));
    }

    private void refill(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * tokensPerNano);
        refilledAt = nowNanos;
    }
}
