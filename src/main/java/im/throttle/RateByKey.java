package im.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One token bucket per key (a remote address), created on first use and forgotten once it has
 * been left alone long enough to be full again (then a new one is the same), so that the table
 * holds only keys that acted recently; at most {@link #MAX_KEYS} of them, the least used going
 * first.
 */
public final class RateByKey {

    static final int MAX_KEYS = 100_000;

    private final double capacity;
    private final double tokensPerSecond;
    private final Predicate<String> exempt;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> buckets;

    public RateByKey(double capacity, double tokensPerSecond, Predicate<String> exempt, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.tokensPerSecond = tokensPerSecond;
        this.exempt = exempt;
        this.nanoTime = nanoTime;
        // Its upkeep runs on the calling thread: no pool thread, and the bound holds when a call returns.
        Duration untilFull = Duration.ofNanos((long) Math.ceil(capacity / tokensPerSecond * 1e9));
        this.buckets = Caffeine.newBuilder().ticker(nanoTime::getAsLong).executor(Runnable::run).maximumSize(MAX_KEYS)
                .expireAfter(Expiry.<String, TokenBucket>accessing((key, bucket) -> untilFull)).build();
    }

    /** Takes a token for the key; if there is none, returns the seconds until there is one (else 0). */
    public long tryTake(String key) {
        if (exempt.test(key)) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        TokenBucket bucket = buckets.get(key, k -> new TokenBucket(capacity, tokensPerSecond, now));
        return bucket.tryTake(now) ? 0 : bucket.secondsUntilNext(now);
    }

    long keys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
