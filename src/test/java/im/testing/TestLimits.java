package im.testing;

import im.system.LimitsProperties;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** The default limits, as a service test needs them without Spring. */
public final class TestLimits {

    private TestLimits() {
    }

    public static LimitsProperties defaults() {
        return withSessionsPerUser(8);
    }

    public static LimitsProperties withSessionsPerUser(int sessions) {
        return new LimitsProperties(4096, DataSize.ofMegabytes(1), Duration.ofMinutes(10), 2000, sessions, 8);
    }
}
