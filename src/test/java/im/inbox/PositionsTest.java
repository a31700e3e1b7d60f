package im.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PositionsTest {

    private static Positions of(long... values) {
        Positions positions = new Positions();
        for (long value : values) {
            positions.add(value);
        }
        return positions;
    }

    @Test
    void findsWhatComesAfterAndBeforeAPosition() {
        Positions positions = of(10, 20, 30, 40);
        assertThat(positions.after(0, 10)).containsExactly(10, 20, 30, 40);
        assertThat(positions.after(20, 1)).containsExactly(30);
        assertThat(positions.after(40, 5)).isEmpty();
        assertThat(positions.before(Long.MAX_VALUE, 2)).containsExactly(40, 30);
        assertThat(positions.before(30, 10)).containsExactly(20, 10);
        assertThat(positions.before(10, 10)).isEmpty();
        assertThat(positions.floor(35)).isEqualTo(30);
        assertThat(positions.floor(9)).isEqualTo(-1);
        assertThat(positions.contains(20)).isTrue();
        assertThat(positions.contains(25)).isFalse();
    }

    @Test
    void trimsFromTheFrontAndKeepsGrowingAfterwards() {
        Positions positions = new Positions();
        for (long p = 1; p <= 1000; p++) {
            positions.add(p);
        }
        assertThat(positions.removeUpTo(600)).isEqualTo(600);
        assertThat(positions.keepLast(100)).isEqualTo(300);
        assertThat(positions.size()).isEqualTo(100);
        for (long p = 1001; p <= 2000; p++) {
            positions.add(p);
        }
        assertThat(positions.size()).isEqualTo(1100);
        assertThat(positions.after(0, 1)).containsExactly(901);
        assertThat(positions.before(Long.MAX_VALUE, 1)).containsExactly(2000);
        assertThat(positions.removeUpTo(5000)).isEqualTo(1100);
        assertThat(positions.after(0, 10)).isEmpty();
    }
}
