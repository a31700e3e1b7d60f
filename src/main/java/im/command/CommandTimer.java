package im.command;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code im.command{command}}: how many commands of one keyword ran and how long they took in
 * all, kept as two adders and read by the registry when it is scraped. It is on the path of
 * every command, and Micrometer's {@code Timer} cost about 4 % of the server's CPU at full load
 * there (its decaying maximum reads the wall clock on each record: docs/PERFORMANCE.md, the
 * eleventh look); this keeps the count and the total time, and not the maximum.
 */
final class CommandTimer {

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();

    private CommandTimer() {
    }

    static CommandTimer register(MeterRegistry meters, String keyword) {
        CommandTimer timer = new CommandTimer();
        FunctionTimer.builder("im.command", timer, t -> t.count.sum(), t -> t.totalNanos.sum(), TimeUnit.NANOSECONDS)
                .description("Time to handle a command").tag("command", keyword).register(meters);
        return timer;
    }

    void record(long nanos) {
        count.increment();
        totalNanos.add(nanos);
    }
}
