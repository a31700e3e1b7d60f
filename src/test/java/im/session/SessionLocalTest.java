package im.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.RecordingOutbound;
import org.junit.jupiter.api.Test;

class SessionLocalTest {

    private final Session first = RecordingOutbound.session("s1");
    private final Session second = RecordingOutbound.session("s2");

    @Test
    void eachSessionKeepsItsOwnValueForEachLocal() {
        SessionLocal<String> name = new SessionLocal<>();
        SessionLocal<Integer> count = new SessionLocal<>();
        assertThat(name.get(first)).isNull();

        name.set(first, "one");
        count.set(first, 1);
        name.set(second, "two");

        assertThat(name.get(first)).isEqualTo("one");
        assertThat(count.get(first)).isEqualTo(1);
        assertThat(name.get(second)).isEqualTo("two");
        assertThat(count.get(second)).isNull();
    }

    @Test
    void aLocalMadeAfterOthersWereSetStillFitsASessionThatHasValues() {
        SessionLocal<String> early = new SessionLocal<>();
        early.set(first, "early");
        SessionLocal<String> late = new SessionLocal<>();
        assertThat(late.get(first)).isNull();
        late.set(first, "late");
        assertThat(early.get(first)).isEqualTo("early");
        assertThat(late.get(first)).isEqualTo("late");
    }
}
