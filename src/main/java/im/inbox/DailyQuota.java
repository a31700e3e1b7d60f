package im.inbox;

import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many bytes of messages each user may store per day (UTC): the text's UTF-8 bytes and
 * what storing it costs besides ({@link #OVERHEAD_BYTES}). Past it, {@code SEND} is
 * {@code RATE_LIMITED} until the next day, so that nobody can fill the disk for the retention
 * period. One entry per user who sent today; the map is bounded by the accounts, not by clients.
 */
final class DailyQuota {

    /** A message's record, index and inbox entries besides its text, about. */
    static final int OVERHEAD_BYTES = 100;
    private static final long DAY_MILLIS = 86_400_000L;

    private final long bytesPerDay;
    /** User key → {day, bytes used that day}; each array guarded by itself. */
    private final Map<String, long[]> used = new ConcurrentHashMap<>();

    /** @param bytesPerDay 0 for no quota */
    DailyQuota(long bytesPerDay) {
        this.bytesPerDay = bytesPerDay;
    }

    /** Counts {@code textBytes} against the user's day, or refuses with RATE_LIMITED. */
    void take(String userKey, long textBytes, long nowMillis) {
        if (bytesPerDay == 0) {
            return;
        }
        long day = nowMillis / DAY_MILLIS;
        long[] entry = used.get(userKey);
        if (entry == null) {
            // On every SEND: a plain get for the usual case, the insert only for the day's first.
            entry = used.computeIfAbsent(userKey, k -> new long[] {day, 0});
        }
        synchronized (entry) {
            if (entry[0] != day) {
                entry[0] = day;
                entry[1] = 0;
            }
            long cost = textBytes + OVERHEAD_BYTES;
            if (entry[1] + cost > bytesPerDay) {
                long seconds = Math.max(1, ((day + 1) * DAY_MILLIS - nowMillis + 999) / 1000);
                throw new RequestRejected(ErrorCode.RATE_LIMITED, "retry after " + seconds);
            }
            entry[1] += cost;
        }
    }
}
