package im.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** How a run is reported, here one whose login storm outlasted it. */
class BenchResultTest {

    @Test
    void aStormThatOutlastsTheRunSaysHowFarItGot() {
        var settings = new BenchSettings("127.0.0.1", 5001, "im", "tcp", 200, 0, 20000, Duration.ofSeconds(15),
                Duration.ofSeconds(5), 64, 0, 500, 0);
        var result = new BenchResult(settings, Duration.ofSeconds(1), 300_000, new Histogram(3), 0, 0,
                new ProcStats(10, 1 << 20), new ProcStats(1, 0), 0, null, 123, new LatencyTimeline(0));
        assertThat(result.table()).contains("login storm       123 of 500 logged in by the end of the run");
        assertThat(result.json()).contains("\"login_storm_s\":-1.00,\"storm_logged_in\":123,");
    }
}
