package im.ops;

import im.inbox.store.DamagedStretch;
import im.inbox.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code storedMessages}: {@code DAMAGED} (answered 200, the server
 * works) when the message files held bytes that are no whole record at startup, with where they
 * were and where their copy is; the meters {@code im.inbox.damaged.stretches} and
 * {@code im.inbox.damaged.bytes} count them.
 */
@Component
class StoredMessagesHealth implements HealthIndicator {

    static final Status DAMAGED = new Status("DAMAGED", "message files held damaged bytes; see the server's log");

    private final List<DamagedStretch> damage;

    StoredMessagesHealth(MessageStore store, MeterRegistry meters) {
        this.damage = store.damage();
        meters.counter("im.inbox.damaged.stretches").increment(damage.size());
        meters.counter("im.inbox.damaged.bytes").increment(damage.stream().mapToLong(DamagedStretch::bytes).sum());
    }

    @Override
    public Health health() {
        return damage.isEmpty() ? Health.up().build() : Health.status(DAMAGED).withDetail("damaged", damage).build();
    }
}
