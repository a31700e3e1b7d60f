package im.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class EventsTest {

    @Test
    void messageTimesAreIsoUtcWithMillisecondsWhateverTheOrderTheyComeIn() {
        DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
        Instant start = Instant.parse("2026-12-31T23:59:58.990Z");
        // Same millisecond twice, the next ones, across a second, a day and a year, and back again.
        long[] offsets = {0, 0, 1, 9, 10, 11, 99, 100, 1009, 1010, 1011, 2000, 5, 0, 86_400_123L};
        for (long offset : offsets) {
            Instant time = start.plusMillis(offset);
            String expected = iso.format(time.truncatedTo(ChronoUnit.MILLIS));
            // ISO_INSTANT leaves out a zero fraction; the MSG line always has three digits.
            expected = expected.contains(".") ? expected : expected.replace("Z", ".000Z");
            assertThat(Events.formatTime(time)).as("%s", time).isEqualTo(expected);
        }
        assertThat(Events.formatTime(Instant.parse("1969-12-31T23:59:59.999Z"))).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(Events.formatTime(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
    }

    @Test
    void aMessageLineIsItsIdThenItsTail() {
        String tail = Events.messageTail(Instant.parse("2026-12-01T10:00:00.042Z"), "alice", "bob", "hi there");
        assertThat(Events.message("3k2x", tail)).isEqualTo("MSG 3k2x 2026-12-01T10:00:00.042Z alice bob hi there");
    }
}
