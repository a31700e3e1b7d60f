package im.command;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code im.command{command}}: how many commands of one keyword ran and how long they took in
 * all, kept as two adders and read by the registry when it is scraped. It is on the path of
 * every command, and Micrometer's {@code Timer} cost about 4 % of the server's CPU at full load
 * there (its decaying maximum reads the wall clock on each record: docs/PERFORMANCE.md, the
 * eleventh look); this keeps the count and the total time, and not the maximum.
 *
 * <p>A {@code sampled} timer (commands that never block: {@code SEND}, {@code PING}) counts every
 * command but reads the clock for one in {@link #SAMPLED_ONE_IN}, chosen at random, and adds its
 * time that many times: at hundreds of thousands of messages a second, each handled in about a
 * microsecond, two clock reads and an add per message were about 6 % of the loop's samples
 * (the thirteenth look). The total is then an estimate, close for any busy command.
 */
final class CommandTimer {

    static final int SAMPLED_ONE_IN = 16;

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final boolean sampled;

    private CommandTimer(boolean sampled) {
        this.sampled = sampled;
    }

    static CommandTimer register(MeterRegistry meters, String keyword, boolean sampled) {
        CommandTimer timer = new CommandTimer(sampled);
        FunctionTimer.builder("im.command", timer, t -> t.count.sum(), t -> t.totalNanos.sum(), TimeUnit.NANOSECONDS)
                .description(sampled ? "Time to handle a command (one in " + SAMPLED_ONE_IN + " timed)"
                        : "Time to handle a command")
                .tag("command", keyword).register(meters);
        return timer;
    }

    /** Whether to time this command: always, or one in {@link #SAMPLED_ONE_IN} for a sampled timer. */
    boolean timesNext() {
        return !sampled || ThreadLocalRandom.current().nextInt(SAMPLED_ONE_IN) == 0;
    }

    /** A command that {@link #timesNext} chose, and what it took. */
    void record(long nanos) {
        count.increment();
        totalNanos.add(sampled ? nanos * SAMPLED_ONE_IN : nanos);
    }

    /** A command that was not timed. */
    void count() {
        count.increment();
    }
}
