package im.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency second by second of the measured window, each message in the second it was meant to
 * be sent: which second a tail is in, to read against the server's GC log or a login storm.
 */
final class LatencyTimeline {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long start;
    /** The same instant on the wall clock, to find a second in the server's logs. */
    private final long startEpochMillis;
    private final List<Histogram> seconds = new ArrayList<>();

    LatencyTimeline(long startNanos) {
        this.start = startNanos;
        this.startEpochMillis = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(startNanos - System.nanoTime());
    }

    long startEpochMillis() {
        return startEpochMillis;
    }

    void record(long sentAtNanos, long micros) {
        int second = (int) ((sentAtNanos - start) / SECOND);
        while (seconds.size() <= second) {
            seconds.add(new Histogram(TimeUnit.MINUTES.toMicros(1), 2));
        }
        Histogram histogram = seconds.get(second);
        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }

    /** One object per second: messages, p50, p99 and the longest, in microseconds. */
    String json() {
        StringJoiner joined = new StringJoiner(",", "[", "]");
        for (int second = 0; second < seconds.size(); second++) {
            Histogram histogram = seconds.get(second);
            joined.add(String.format(Locale.ROOT, "{\"s\":%d,\"n\":%d,\"p50_us\":%d,\"p99_us\":%d,\"max_us\":%d}",
                    second, histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue()));
        }
        return joined.toString();
    }

    /** The second with the highest p99, as one line for the table; empty if nothing was measured. */
    String worstSecond() {
        int worst = -1;
        for (int second = 0; second < seconds.size(); second++) {
            if (worst < 0 || p99(second) > p99(worst)) {
                worst = second;
            }
        }
        return worst < 0 ? "" : String.format(Locale.ROOT, "worst second      %d of %d: p99 %d us, max %d us%n", worst,
                seconds.size(), p99(worst), seconds.get(worst).getMaxValue());
    }

    private long p99(int second) {
        return seconds.get(second).getValueAtPercentile(99);
    }
}
