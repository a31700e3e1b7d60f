package im.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each latency goes in the second its message was meant to be sent, counted from the window's start. */
class LatencyTimelineTest {

    private static final long START = TimeUnit.SECONDS.toNanos(100);

    @Test
    void aStallShowsInTheSecondItHappened() {
        LatencyTimeline timeline = new LatencyTimeline(START);
        for (int i = 0; i < 100; i++) {
            timeline.record(START + TimeUnit.MILLISECONDS.toNanos(10 * i), 500);
            timeline.record(START + TimeUnit.SECONDS.toNanos(2) + TimeUnit.MILLISECONDS.toNanos(10 * i),
                    i < 5 ? 40_000 : 600);
        }
        // Two significant digits: each value reads back as the top of its bucket (500 as 501).
        assertThat(timeline.json()).matches("\\[\\{\"s\":0,\"n\":100,\"p50_us\":50\\d,\"p99_us\":50\\d,\"max_us\":50\\d},"
                + "\\{\"s\":1,\"n\":0,[^}]*},"
                + "\\{\"s\":2,\"n\":100,\"p50_us\":60\\d,\"p99_us\":40\\d{3},\"max_us\":40\\d{3}}]");
        assertThat(timeline.worstSecond()).startsWith("worst second      2 of 3: p99 40");
    }

    @Test
    void nothingMeasuredIsAnEmptyTimeline() {
        LatencyTimeline timeline = new LatencyTimeline(START);
        assertThat(timeline.json()).isEqualTo("[]");
        assertThat(timeline.worstSecond()).isEmpty();
    }
}
