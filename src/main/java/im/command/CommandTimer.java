package im.command;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code im.command{command}}: how many commands of one keyword ran and how long they took in
 * all, kept as two adders and read by the registry when it is scraped. It is on the path of
 * every command, where Micrometer's {@code Timer} costs several per cent of the server's CPU at
 * full load (its decaying maximum reads the wall clock on each record: docs/PERFORMANCE.md); this
 * keeps the count and the total time, and not the maximum.
 *
 * <p>A {@code sampled} timer (commands that never block: {@code SEND}, {@code PING}) times its
 * first {@link #TIMED_FIRST} commands, then counts every command but reads the clock for one in
 * {@link #SAMPLED_ONE_IN}, chosen at random, and adds its time that many times, since two clock
 * reads per message are a visible share of the loop's work at full load. The total is exact for a
 * quiet server and a close estimate for a busy one.
 */
final class CommandTimer {

    static final int SAMPLED_ONE_IN = 16;
    static final int TIMED_FIRST = 1024;

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final boolean sampled;
    /** Commands still to be timed each; racy across loops, which only moves when sampling starts. */
    private int timedFirstLeft = TIMED_FIRST;

    private CommandTimer(boolean sampled) {
        this.sampled = sampled;
    }

    static CommandTimer register(MeterRegistry meters, String keyword, boolean sampled) {
        CommandTimer timer = new CommandTimer(sampled);
        FunctionTimer.builder("im.command", timer, t -> t.count.sum(), t -> t.totalNanos.sum(), TimeUnit.NANOSECONDS)
                .description(sampled ? "Time to handle a command (each of the first " + TIMED_FIRST
                        + ", then one in " + SAMPLED_ONE_IN + " timed and the total scaled up)" : "Time to handle a command")
                .tag("command", keyword).register(meters);
        return timer;
    }

    /**
     * How many commands the next one's time stands for: 1 (timed itself), {@link #SAMPLED_ONE_IN}
     * (a sample), or 0 (not timed).
     */
    int weightOfNext() {
        if (!sampled) {
            return 1;
        }
        if (timedFirstLeft > 0) {
            timedFirstLeft--;
            return 1;
        }
        return ThreadLocalRandom.current().nextInt(SAMPLED_ONE_IN) == 0 ? SAMPLED_ONE_IN : 0;
    }

    /** A command that {@link #weightOfNext} chose, what it took, and its weight. */
    void record(long nanos, int weight) {
        count.increment();
        totalNanos.add(nanos * weight);
    }

    /** A command that was not timed. */
    void count() {
        count.increment();
    }
}
