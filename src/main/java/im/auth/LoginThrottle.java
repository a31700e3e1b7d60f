package im.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.throttle.ThrottleProperties;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing. Failed logins are counted per remote address and per account
 * at that address; past the free failures each further attempt must wait a backoff that
 * doubles with every failure (initial, 2x, 4x ... up to the maximum), answered
 * {@code ERR RATE_LIMITED retry after <seconds>} without checking the password. Keys are
 * never per account alone: failures from an attacker's address cannot lock the owner out from
 * elsewhere. A success clears that account's count at that address; everything is forgotten
 * after {@code login-failure-memory} without failures. An attempt counts as a failure from the
 * moment it {@link #begin begins} (its password is still being hashed) until it succeeds, so
 * that guesses sent all at once meet the same limit as guesses sent one after another.
 */
public final class LoginThrottle {

    /**
     * The table's bound (about 10 MB), so that guesses from a great many addresses cannot fill the
     * heap; past it the least used keys go first, which keeps the keys of addresses that keep
     * guessing (an address whose count is dropped could guess freely anyway for its free failures).
     */
    static final int MAX_ENTRIES = 100_000;

    /** Failures of one key: how many, the time of the last. */
    public record Failures(int count, long lastNanos) {
    }

    /**
     * Where the failures are counted: in this process ({@link #LoginThrottle(ThrottleProperties,
     * LongSupplier)}), or where every node of a cluster counts them (Redis), so that guesses do
     * not multiply with the number of nodes.
     */
    public interface FailureTable {

        /** The failures of a key, or null if none within the memory. */
        Failures get(String key);

        /** One more failure at {@code now}; the count starts again after {@code memoryNanos} without one. */
        void count(String key, long now, long memoryNanos);

        void remove(String key);

        /** One failure fewer (an attempt counted as it began succeeded). */
        void takeBack(String key);
    }

    private final ThrottleProperties limits;
    private final LongSupplier nanoTime;
    /**
     * Keys with failures, each forgotten {@code login-failure-memory} after its last one (a
     * variable expiry: Caffeine's fixed one may skip renewing an entry that is written often).
     */
    private final Cache<String, Failures> failureCache;
    private final FailureTable failures;
    private final long memoryNanos;

    /** Failures counted in this process. */
    public LoginThrottle(ThrottleProperties limits, LongSupplier nanoTime) {
        this(limits, nanoTime, null);
    }

    /**
     * Failures counted in {@code shared} (null: in this process), at times from {@code nanoTime},
     * which for a shared table must be the wall clock, the same on every node.
     */
    public LoginThrottle(ThrottleProperties limits, LongSupplier nanoTime, FailureTable shared) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.memoryNanos = limits.loginFailureMemory().toNanos();
        // Its upkeep runs on the calling thread: no pool thread, and the bound holds when a call returns.
        this.failureCache = Caffeine.newBuilder().ticker(nanoTime::getAsLong).executor(Runnable::run)
                .maximumSize(MAX_ENTRIES).expireAfter(Expiry.<String, Failures>writing(
                        (key, failure) -> limits.loginFailureMemory())).build();
        this.failures = shared != null ? shared : local(failureCache.asMap());
    }

    /** A table in this process, bounded, forgetting each key {@code memory} after its last failure. */
    public static FailureTable inProcess(Duration memory, LongSupplier nanoTime) {
        return local(Caffeine.newBuilder().ticker(nanoTime::getAsLong).executor(Runnable::run)
                .maximumSize(MAX_ENTRIES).expireAfter(Expiry.<String, Failures>writing((key, failure) -> memory))
                .<String, Failures>build().asMap());
    }

    private static FailureTable local(Map<String, Failures> failures) {
        return new FailureTable() {
            @Override
            public Failures get(String key) {
                return failures.get(key);
            }

            @Override
            public void count(String key, long now, long memoryNanos) {
                failures.compute(key, (k, old) -> new Failures(
                        old == null || now - old.lastNanos() > memoryNanos ? 1 : old.count() + 1, now));
            }

            @Override
            public void remove(String key) {
                failures.remove(key);
            }

            @Override
            public void takeBack(String key) {
                failures.computeIfPresent(key,
                        (k, old) -> old.count() <= 1 ? null : new Failures(old.count() - 1, old.lastNanos()));
            }
        };
    }

    /** Rejects with RATE_LIMITED while this address, or this account at this address, must wait. */
    public void check(String name, String address) {
        if (!limits.enabled()) {
            return;
        }
        long now = nanoTime.getAsLong();
        long waitNanos = Math.max(wait(accountKey(name, address), limits.freeLoginFailuresPerAccount(), now),
                limits.isExempt(address) ? 0 : wait(address, limits.freeLoginFailuresPerAddress(), now));
        rejectIfWaiting(waitNanos);
    }

    /**
     * Checks like {@link #check} and, in the same step, counts the attempt as a failure until
     * {@link #succeeded} says otherwise.
     */
    public synchronized void begin(String name, String address) {
        check(name, address);
        failed(name, address);
    }

    /** Rejects with RATE_LIMITED while this address must wait (for REGISTER, which has no account yet). */
    public void checkAddress(String address) {
        if (!limits.enabled() || limits.isExempt(address)) {
            return;
        }
        rejectIfWaiting(wait(address, limits.freeLoginFailuresPerAddress(), nanoTime.getAsLong()));
    }

    /** A failure of this address alone: a registration of a name that is taken (names probed one by one). */
    public void failedAt(String address) {
        if (limits.enabled()) {
            count(address, nanoTime.getAsLong());
        }
    }

    public void failed(String name, String address) {
        if (!limits.enabled()) {
            return;
        }
        long now = nanoTime.getAsLong();
        count(accountKey(name, address), now);
        count(address, now);
    }

    /** An attempt that {@link #begin began} succeeded: the account's count at the address is cleared, the address's taken back. */
    public synchronized void succeeded(String name, String address) {
        if (limits.enabled()) {
            failures.remove(accountKey(name, address));
            failures.takeBack(address);
        }
    }

    private static void rejectIfWaiting(long waitNanos) {
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new RequestRejected(ErrorCode.RATE_LIMITED, "retry after " + seconds);
        }
    }

    int entries() {
        failureCache.cleanUp();
        return failureCache.asMap().size();
    }

    private void count(String key, long now) {
        failures.count(key, now, memoryNanos);
    }

    private long wait(String key, int free, long now) {
        Failures entry = failures.get(key);
        if (entry == null || entry.count() < free || now - entry.lastNanos() > memoryNanos) {
            return 0;
        }
        int doublings = Math.min(30, entry.count() - free);
        long backoff = Math.min(limits.loginBackoffMax().toNanos(), limits.loginBackoffInitial().toNanos() << doublings);
        return entry.lastNanos() + backoff - now;
    }

    private static String accountKey(String name, String address) {
        return UserNames.key(name) + "@" + address;
    }
}
