package im.bench;

import java.time.Duration;

/**
 * What an idle run measures besides memory: the server's threads before, during and after the
 * setup, and, after every connection but one closed at once, how long until the one left heard
 * LEFT for all of them (null: not within the bench's wait, or a protocol without LEFT) and the
 * most threads meanwhile (0 when not measured).
 */
record IdleFigures(Threads setupThreads, int threadsIdle, Duration allLeft, int disconnectPeakThreads) {

    /** The server's threads before the setup, and the most it had during it. */
    record Threads(int before, int setupPeak) {
    }
}
