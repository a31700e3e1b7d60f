package im.bench;

import java.time.Duration;

/** When the login storm started, and when its last login completed. */
final class StormProgress {

    private final long start;
    private final int remainingBefore;
    private long end;

    StormProgress(long start, int remainingBefore) {
        this.start = start;
        this.remainingBefore = remainingBefore;
    }

    int remainingBefore() {
        return remainingBefore;
    }

    void finish(long at) {
        end = at;
    }

    Duration duration() {
        return end == 0 ? null : Duration.ofNanos(end - start);
    }
}
