package im.bench;

import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The figures of one bench run, as a table for people or one JSON object for scripts. */
record BenchResult(BenchSettings settings, Duration setup, long delivered, Histogram latencyMicros, long errors,
        long lost, ProcStats server, ProcStats self, long serverRssBefore, Duration loginStorm, int stormLoggedIn,
        LatencyTimeline timeline, IdleFigures idle) {

    BenchResult(BenchSettings settings, Duration setup, long delivered, Histogram latencyMicros, long errors, long lost,
            ProcStats server, ProcStats self, long serverRssBefore, Duration loginStorm, int stormLoggedIn,
            LatencyTimeline timeline) {
        this(settings, setup, delivered, latencyMicros, errors, lost, server, self, serverRssBefore, loginStorm,
                stormLoggedIn, timeline, null);
    }

    static BenchResult idle(BenchSettings settings, Duration setup, ProcStats before, ProcStats after, long errors,
            IdleFigures idle) {
        return new BenchResult(settings, setup, 0, null, errors, 0, after, new ProcStats(0, 0), before.rssBytes(), null,
                0, null, idle);
    }

    double messagesPerSecond() {
        return delivered / (settings.duration().toNanos() / 1e9);
    }

    String json() {
        if (latencyMicros == null) {
            return String.format(Locale.ROOT,
                    "{\"mode\":\"idle\",\"connections\":%d,\"setup_s\":%.2f,\"server_rss_before\":%d,"
                            + "\"server_rss_after\":%d,\"bytes_per_connection\":%d,\"errors\":%d,"
                            + "\"threads_before\":%d,\"threads_peak_setup\":%d,\"threads_idle\":%d,"
                            + "\"all_left_s\":%.2f,\"threads_peak_disconnect\":%d}",
                    settings.idle(), setup.toMillis() / 1e3, serverRssBefore, server.rssBytes(),
                    bytesPerIdleConnection(), errors, idle.setupThreads().before(), idle.setupThreads().setupPeak(),
                    idle.threadsIdle(), allLeftSeconds(), idle.disconnectPeakThreads());
        }
        return String.format(Locale.ROOT,
                "{\"mode\":\"messages\",\"protocol\":\"%s\",\"clients\":%d,\"window\":%d,\"rate\":%d,\"size\":%d,"
                        + "\"duration_s\":%d,\"logins\":%d,\"login_storm_s\":%.2f,\"storm_logged_in\":%d,"
                        + "\"setup_s\":%.2f,\"msgs_per_s\":%.0f,\"p50_us\":%d,\"p99_us\":%d,\"p999_us\":%d,"
                        + "\"max_us\":%d,\"errors\":%d,\"lost\":%d,\"server_cpu_s\":%.2f,\"server_rss\":%d,"
                        + "\"msgs_per_server_cpu_s\":%.0f,\"bench_cpu_s\":%.2f,"
                        + "\"timeline_start_ms\":%d,\"timeline\":%s}",
                settings.protocol(), settings.clients(), settings.window(), settings.rate(), settings.size(),
                settings.duration().toSeconds(), settings.logins(), stormSeconds(), stormLoggedIn, setup.toMillis() / 1e3,
                messagesPerSecond(), percentile(50), percentile(99), percentile(99.9), latencyMicros.getMaxValue(),
                errors, lost, server.cpuSeconds(), server.rssBytes(),
                server.cpuSeconds() > 0 ? delivered / server.cpuSeconds() : 0, self.cpuSeconds(),
                timeline.startEpochMillis(), timeline.json());
    }

    /** Seconds from the mass disconnect to the last LEFT; -1 when not measured or not all came. */
    private double allLeftSeconds() {
        return idle.allLeft() == null ? -1 : idle.allLeft().toMillis() / 1e3;
    }

    /** Seconds from the start of the login storm to its last login; -1 if it did not finish in the run. */
    private double stormSeconds() {
        return loginStorm == null ? (settings.logins() > 0 ? -1 : 0) : loginStorm.toMillis() / 1e3;
    }

    String table() {
        if (latencyMicros == null) {
            String disconnect = idle.allLeft() == null ? "" : String.format(Locale.ROOT,
                    "all but one closed at once: LEFT for all in %.2f s, at most %d server threads meanwhile%n",
                    allLeftSeconds(), idle.disconnectPeakThreads());
            return String.format(Locale.ROOT, "idle connections  %d (setup %.1f s)%nserver RSS        %d MB before, %d MB"
                            + " after%nper connection    %d bytes%nserver threads    %d before, at most %d during setup,"
                            + " %d idle%nerrors            %d%n", settings.idle(),
                    setup.toMillis() / 1e3, serverRssBefore >> 20, server.rssBytes() >> 20,
                    bytesPerIdleConnection(), idle.setupThreads().before(), idle.setupThreads().setupPeak(),
                    idle.threadsIdle(), errors) + disconnect;
        }
        String load = settings.openLoop() ? settings.clients() + " clients at " + settings.rate() + " msgs/s"
                : settings.clients() + " clients x " + settings.window() + " in flight";
        String storm = settings.logins() == 0 ? ""
                : loginStorm != null ? String.format(Locale.ROOT, "login storm       %d logins in %.2f s%n",
                        settings.logins(), stormSeconds())
                : String.format(Locale.ROOT, "login storm       %d of %d logged in by the end of the run%n",
                        stormLoggedIn, settings.logins());
        return storm + String.format(Locale.ROOT, "load              %s (%s), %d-byte texts, %d s (setup %.1f s)%n"
                        + "delivered         %.0f msgs/s%nlatency           p50 %d us, p99 %d us, p99.9 %d us, max %d us%n"
                        + "errors, lost      %d, %d%nserver            %.2f CPU-s, RSS %d MB, %.0f msgs per CPU-s%n"
                        + "bench             %.2f CPU-s%n%s",
                load, settings.protocol(), settings.size(), settings.duration().toSeconds(),
                setup.toMillis() / 1e3, messagesPerSecond(), percentile(50), percentile(99), percentile(99.9),
                latencyMicros.getMaxValue(), errors, lost, server.cpuSeconds(), server.rssBytes() >> 20,
                server.cpuSeconds() > 0 ? delivered / server.cpuSeconds() : 0, self.cpuSeconds(),
                timeline.worstSecond());
    }

    private long percentile(double p) {
        return latencyMicros.getValueAtPercentile(p);
    }

    private long bytesPerIdleConnection() {
        return settings.idle() == 0 ? 0 : (server.rssBytes() - serverRssBefore) / settings.idle();
    }
}
