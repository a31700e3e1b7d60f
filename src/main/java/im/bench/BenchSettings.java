package im.bench;

import java.time.Duration;

/** What one bench run does (see {@link BenchMain} for each option's meaning). */
record BenchSettings(String host, int port, String protocol, String transport, int clients, int window, int rate, Duration duration,
        Duration warmup, int size, int idle, int logins, long serverPid) {

    ProcStats serverStats() {
        return serverPid > 0 ? ProcStats.of(serverPid) : new ProcStats(0, 0);
    }

    /** im/1 over WebSocket ({@code --transport ws}) rather than plain TCP. */
    boolean webSocket() {
        return transport.equals("ws");
    }

    boolean openLoop() {
        return rate > 0;
    }
}
