package im.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Drives clients from one selector thread, so that the generator costs little of the CPU it
 * shares with the server. Closed loop: each client keeps {@code window} messages in flight to
 * the next client; a message is done when it is delivered (or its send refused). Open loop
 * ({@code rate}): messages go out on a fixed schedule whatever happens, and latency counts
 * from the scheduled time, so that a stalled server cannot hide its stall.
 */
final class LoadGenerator implements ClientPool.Handler {

    private static final int ACK_EVERY = 64;
    private static final int WARMUP = 0;
    private static final int WINDOW = 1;
    /** Login-storm connections opened per pass of the event loop (a pass takes about a millisecond). */
    private static final int STORM_CONNECTS_PER_PASS = 20;

    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** How long the one connection kept after a mass disconnect waits for everybody's LEFT. */
    private static final Duration ALL_LEFT_TIMEOUT = Duration.ofSeconds(60);
    private static final long THREAD_SAMPLE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final BenchSettings settings;
    private final Dialect dialect;
    private final ClientPool pool;
    private final List<BenchConnection> clients;
    /**
     * Latencies of the warm-up ({@link #WARMUP}) and of the window ({@link #WINDOW}). The
     * warm-up's are recorded the same way and then dropped, so that the generator's own
     * first-time costs fall in the warm-up, not in the window's first second.
     */
    private final Histogram[] latencies = {new Histogram(TimeUnit.MINUTES.toMicros(1), 3),
            new Histogram(TimeUnit.MINUTES.toMicros(1), 3)};
    private final LatencyTimeline[] timelines = new LatencyTimeline[2];
    private final String padding;
    private long measureStart;
    private long measureEnd;
    private boolean sending;
    private long sent;
    private long delivered;
    private long deliveredInWindow;
    private long acked;
    private long refusedSends;
    private long errors;
    private int setupLeft;
    private long scheduled;
    private long openLoopStart;
    private StormProgress storm;
    private int stormConnectsLeft;
    /** The most threads the server had since sampling last started, and when it was last sampled. */
    private int peakThreads;
    private long threadsSampledAt;
    private int leftSeen;

    LoadGenerator(BenchSettings settings) throws IOException {
        this.settings = settings;
        this.dialect = Dialect.named(settings.protocol());
        this.pool = new ClientPool(settings, dialect);
        this.clients = pool.clients();
        this.padding = "x".repeat(Math.max(1, settings.size() - 20));
    }

    BenchResult run() throws IOException {
        ProcStats serverBefore = settings.serverStats();
        // Read once now, so that its first-time costs (class loading) are not paid as measuring starts.
        ProcStats.self();
        int threadsBefore = settings.serverThreads();
        peakThreads = threadsBefore;
        long setupStart = System.nanoTime();
        int count = settings.idle() > 0 ? settings.idle() : settings.clients();
        setupLeft += count;
        pool.connect(count, this);
        awaitSetup();
        Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);
        if (settings.idle() > 0) {
            return holdIdle(serverBefore, setup, new IdleFigures.Threads(threadsBefore, peakThreads));
        }
        return message(setup);
    }

    /**
     * Opens up to {@link #STORM_CONNECTS_PER_PASS} of the login storm's connections, so that
     * opening them never holds up the schedule for long.
     */
    private void startStormConnects() throws IOException {
        for (int n = 0; n < STORM_CONNECTS_PER_PASS && stormConnectsLeft > 0; n++, stormConnectsLeft--) {
            setupLeft++;
            pool.connectLater(settings.logins() - stormConnectsLeft);
        }
    }

    private void awaitSetup() throws IOException {
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        while (setupLeft > 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException(setupLeft + " clients did not log in within " + SETUP_TIMEOUT);
            }
            pump(100);
        }
    }

    private BenchResult holdIdle(ProcStats serverBefore, Duration setup, IdleFigures.Threads threads)
            throws IOException {
        long end = System.nanoTime() + settings.duration().toNanos();
        while (System.nanoTime() < end) {
            pump(100);
        }
        ProcStats server = settings.serverStats();
        IdleFigures idle = new IdleFigures(threads, settings.serverThreads(), null, 0);
        if (dialect.announcesLeaving() && clients.size() > 1) {
            idle = disconnectAllButOne(idle);
        }
        pool.closeAll();
        return BenchResult.idle(settings, setup, serverBefore, server, errors + pool.errors(), idle);
    }

    /**
     * Closes every idle connection but the last at once and waits until that one has heard LEFT
     * for all of them, sampling the server's threads meanwhile.
     */
    private IdleFigures disconnectAllButOne(IdleFigures idle) throws IOException {
        BenchConnection kept = clients.get(clients.size() - 1);
        int expected = clients.size() - 1;
        leftSeen = 0;
        peakThreads = idle.threadsIdle();
        long start = System.nanoTime();
        pool.closeAllBut(kept);
        long deadline = start + ALL_LEFT_TIMEOUT.toNanos();
        while (leftSeen < expected && System.nanoTime() < deadline) {
            pump(10);
        }
        Duration allLeft = leftSeen == expected ? Duration.ofNanos(System.nanoTime() - start) : null;
        // The threads a closing connection may hold linger after its LEFT: keep sampling a while.
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < settle) {
            pump(10);
        }
        return new IdleFigures(idle.setupThreads(), idle.threadsIdle(), allLeft, peakThreads);
    }

    private BenchResult message(Duration setup) throws IOException {
        long start = System.nanoTime();
        measureStart = start + settings.warmup().toNanos();
        measureEnd = measureStart + settings.duration().toNanos();
        timelines[WARMUP] = new LatencyTimeline(start);
        timelines[WINDOW] = new LatencyTimeline(measureStart);
        sending = true;
        if (settings.openLoop()) {
            openLoopStart = start;
        } else {
            for (BenchConnection client : clients) {
                for (int i = 0; i < settings.window(); i++) {
                    sendOne(client, System.nanoTime());
                }
                client.flush();
            }
        }
        pumpUntil(measureStart);
        ProcStats serverAtStart = settings.serverStats();
        ProcStats selfAtStart = ProcStats.self();
        if (settings.logins() > 0) {
            storm = new StormProgress(System.nanoTime(), setupLeft);
            stormConnectsLeft = settings.logins();
        }
        pumpUntil(measureEnd);
        ProcStats serverUsed = settings.serverStats().minus(serverAtStart);
        ProcStats selfUsed = ProcStats.self().minus(selfAtStart);
        int stormLoggedIn = storm == null ? 0
                : settings.logins() - stormConnectsLeft - (setupLeft - storm.remainingBefore());
        sending = false;
        long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (!settled() && System.nanoTime() < drainDeadline) {
            pump(10);
        }
        pool.closeAll();
        long lost = dialect instanceof IrcDialect ? sent - delivered : acked - delivered;
        return new BenchResult(settings, setup, deliveredInWindow, latencies[WINDOW], errors + pool.errors(), lost,
                serverUsed, selfUsed,
                0, storm == null ? null : storm.duration(), stormLoggedIn, timelines[WINDOW]);
    }

    /** Runs the event loop until {@code deadline}, opening the storm's connections while any are left. */
    private void pumpUntil(long deadline) throws IOException {
        while (System.nanoTime() < deadline) {
            pump(1);
            if (stormConnectsLeft > 0) {
                startStormConnects();
            }
        }
    }

    /** Every message sent has been delivered or refused, and (im/1) acknowledged or refused. */
    private boolean settled() {
        boolean allDelivered = delivered + refusedSends >= sent;
        return allDelivered && (dialect instanceof IrcDialect || acked + refusedSends >= sent);
    }

    private void sendOne(BenchConnection client, long stamp) {
        BenchConnection target = clients.get((client.index + 1) % clients.size());
        client.queue(dialect.send(target.user, stamp + " " + padding));
        client.inFlight++;
        sent++;
    }

    /** Open loop: sends every message whose scheduled time has come, round robin over the clients. */
    private void sendScheduled() {
        long now = System.nanoTime();
        long nanosPerMessage = 1_000_000_000L / settings.rate();
        while (sending && openLoopStart + scheduled * nanosPerMessage <= now) {
            BenchConnection client = clients.get((int) (scheduled % clients.size()));
            sendOne(client, openLoopStart + scheduled * nanosPerMessage);
            markDirty(client);
            scheduled++;
        }
    }

    private void pump(long timeoutMillis) throws IOException {
        pool.pump(timeoutMillis, this);
    }

    @Override
    public void beforeFlushing() {
        long now = System.nanoTime();
        if (settings.idle() > 0 && now - threadsSampledAt >= THREAD_SAMPLE_EVERY_NANOS) {
            threadsSampledAt = now;
            peakThreads = Math.max(peakThreads, settings.serverThreads());
        }
        if (settings.openLoop() && openLoopStart > 0) {
            sendScheduled();
        }
    }

    /**
     * One acknowledgement for every {@link #ACK_EVERY} messages delivered to a client (it covers
     * all before it), and one for what is left when the run ends, as a client that keeps up would.
     */
    @Override
    public void afterReading(BenchConnection client) {
        if (client.lastDelivered != null && (client.unacknowledged >= ACK_EVERY || !sending)) {
            client.unacknowledged = 0;
            String ack = dialect.acknowledge(client.lastDelivered);
            client.lastDelivered = null;
            if (ack != null) {
                client.queue(ack);
                markDirty(client);
            }
        }
    }

    @Override
    public void onLine(BenchConnection client, String line) {
        String text = dialect.deliveredText(line);
        if (text != null) {
            client.lastDelivered = line;
            client.unacknowledged++;
            onDelivered(dialect.deliveredFrom(line), text);
        } else if (client.setupRepliesLeft > 0 && dialect.isSetupStep(line)) {
            errors += dialect.isSetupFailure(line) ? 1 : 0;
            if (--client.setupRepliesLeft == 0) {
                setupLeft--;
                if (storm != null && stormConnectsLeft == 0 && setupLeft == storm.remainingBefore()) {
                    storm.finish(System.nanoTime());
                }
            }
        } else if (dialect.isLeft(line)) {
            leftSeen++;
        } else if (dialect.isAck(line)) {
            acked++;
        } else if (dialect.isError(line)) {
            errors++;
            if (client.inFlight > 0) {
                client.inFlight--;
                refusedSends++;
                refill(client);
            }
        } else {
            String answer = dialect.keepAliveAnswer(line);
            if (answer != null) {
                client.queue(answer);
                markDirty(client);
            }
        }
    }

    private void onDelivered(String from, String text) {
        long now = System.nanoTime();
        long sentAt = Long.parseLong(text, 0, text.indexOf(' '), 10);
        delivered++;
        long micros = (now - sentAt) / 1000;
        if (now <= measureEnd) {
            // WINDOW (1) or WARMUP (0) without a branch: a branch never taken in the
            // warm-up is compiled as a trap, and taking it at the window's start sends the
            // generator's loop back to the interpreter just as measuring begins.
            int inWindow = (int) ((measureStart - 1 - sentAt) >>> 63);
            deliveredInWindow += inWindow;
            record(latencies[inWindow], timelines[inWindow], sentAt, micros);
        }
        BenchConnection sender = pool.byUser(from);
        if (sender != null) {
            sender.inFlight--;
            refill(sender);
        }
    }

    private static void record(Histogram histogram, LatencyTimeline seconds, long sentAt, long micros) {
        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
        seconds.record(sentAt, micros);
    }

    private void refill(BenchConnection sender) {
        if (sending && !settings.openLoop()) {
            sendOne(sender, System.nanoTime());
            markDirty(sender);
        }
    }

    private void markDirty(BenchConnection client) {
        pool.markDirty(client);
    }
}
