package im.command;

import im.protocol.RequestRejected;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.function.Supplier;

/** Counts a command's results by outcome: {@code ok} or the lower-case error code. */
final class OutcomeCounter {

    private final MeterRegistry meters;
    private final String name;

    OutcomeCounter(MeterRegistry meters, String name) {
        this.meters = meters;
        this.name = name;
        meters.counter(name, "outcome", "ok");
    }

    <T> T count(Supplier<T> attempt) {
        try {
            T result = attempt.get();
            meters.counter(name, "outcome", "ok").increment();
            return result;
        } catch (RequestRejected rejected) {
            meters.counter(name, "outcome", rejected.code().name().toLowerCase(Locale.ROOT)).increment();
            throw rejected;
        }
    }
}
