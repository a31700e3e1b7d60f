package im.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One token bucket per key (a remote address), created on first use and forgotten once full
 * again, so that the table holds only keys that acted recently.
 */
public final class RateByKey {

    private static final int SWEEP_ABOVE_ENTRIES = 10_000;

    private final double capacity;
    private final double tokensPerSecond;
    private final Predicate<String> exempt;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateByKey(double capacity, double tokensPerSecond, Predicate<String> exempt, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.tokensPerSecond = tokensPerSecond;
        this.exempt = exempt;
        this.nanoTime = nanoTime;
    }

    /** Takes a token for the key; if there is none, returns the seconds until there is one (else 0). */
    public long tryTake(String key) {
        if (exempt.test(key)) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE_ENTRIES) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(capacity, tokensPerSecond, now));
        return bucket.tryTake(now) ? 0 : bucket.secondsUntilNext(now);
    }
}
