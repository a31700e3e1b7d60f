package im.inbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void anIdIsItsPositionInBase36AndReadsBack() {
        SplittableRandom random = new SplittableRandom(36);
        for (long position : new long[] {0, 1, 35, 36, 1295, 1296, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            assertThat(MessageIds.id(position)).isEqualTo(Long.toString(position, 36));
        }
        long twelveDigits = 4_738_381_338_321_616_896L; // 36^12: ids read back have at most 12
        for (int i = 0; i < 10_000; i++) {
            long position = random.nextLong(twelveDigits);
            assertThat(MessageIds.id(position)).isEqualTo(Long.toString(position, 36));
            assertThat(MessageIds.position(MessageIds.id(position))).isEqualTo(position);
        }
    }

    @Test
    void aNegativePositionHasNoId() {
        assertThatThrownBy(() -> MessageIds.id(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenThatIsNotAnIdHasNoPosition() {
        assertThat(MessageIds.position("")).isEqualTo(-1);
        assertThat(MessageIds.position("ABC")).isEqualTo(-1);
        assertThat(MessageIds.position("1234567890abc")).isEqualTo(-1);
    }
}
