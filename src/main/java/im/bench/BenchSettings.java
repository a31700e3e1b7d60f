package im.bench;

import java.time.Duration;

/** What one bench run does (see {@link BenchMain} for each option's meaning). */
record BenchSettings(String host, int port, int clients, int window, Duration duration, Duration warmup, int size,
        int idle, long serverPid) {

    ProcStats serverStats() {
        return serverPid > 0 ? ProcStats.of(serverPid) : new ProcStats(0, 0);
    }
}
