package im.inbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PositionsTest {

    /** Two chunks a slab, so that slabs are taken and let go within a test's few thousand positions. */
    private final LongSlabs slabs = new LongSlabs(2);

    private Positions of(long... values) {
        Positions positions = new Positions(slabs);
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
        Positions positions = new Positions(slabs);
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

    /** Against a plain list, across chunk boundaries: adds with gaps, trims, searches at random. */
    @Test
    void answersAsAPlainSortedListWouldThroughGrowthAndTrimming() {
        Random random = new Random(42);
        Positions positions = new Positions(slabs);
        List<Long> model = new ArrayList<>();
        long next = 1;
        for (int step = 0; step < 5_000; step++) {
            int action = random.nextInt(100);
            if (action < 90) {
                next += 1 + random.nextInt(3);
                positions.add(next);
                model.add(next);
            } else if (action < 95) {
                long upTo = model.isEmpty() ? next : model.get(random.nextInt(model.size()));
                int removed = (int) model.stream().filter(p -> p <= upTo).count();
                assertThat(positions.removeUpTo(upTo)).isEqualTo(removed);
                model.subList(0, removed).clear();
            } else {
                int keep = random.nextInt(3 * Positions.CHUNK);
                int removed = Math.max(0, model.size() - keep);
                assertThat(positions.keepLast(keep)).isEqualTo(removed);
                model.subList(0, removed).clear();
            }
            long probe = 1 + random.nextInt((int) next + 1);
            assertThat(positions.size()).isEqualTo(model.size());
            assertThat(positions.contains(probe)).isEqualTo(model.contains(probe));
            List<Long> after = model.stream().filter(p -> p > probe).limit(5).toList();
            assertThat(positions.after(probe, 5)).containsExactly(after.stream().mapToLong(Long::longValue).toArray());
            List<Long> before = new ArrayList<>();
            for (int i = model.size() - 1; i >= 0 && before.size() < 5; i--) {
                if (model.get(i) < probe) {
                    before.add(model.get(i));
                }
            }
            assertThat(positions.before(probe, 5)).containsExactly(before.stream().mapToLong(Long::longValue).toArray());
            long floor = model.stream().filter(p -> p <= probe).reduce((a, b) -> b).orElse(-1L);
            assertThat(positions.floor(probe)).isEqualTo(floor);
        }
        positions.release();
        assertThat(slabs.slabCount()).as("only the spare slab is kept").isLessThanOrEqualTo(1);
    }

    @Test
    void manyShareTheSlabsAndGiveBackWhatTheyDrop() {
        List<Positions> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Positions positions = new Positions(slabs);
            for (long p = 1; p <= 3 * Positions.CHUNK; p++) {
                positions.add(i * 10_000L + p);
            }
            all.add(positions);
        }
        assertThat(slabs.slabCount()).isEqualTo(8);
        for (int i = 0; i < 5; i++) {
            assertThat(all.get(i).after(i * 10_000L + 1000, 2)).containsExactly(i * 10_000L + 1001, i * 10_000L + 1002);
        }
        all.get(0).removeUpTo(2 * Positions.CHUNK);
        assertThat(all.get(0).size()).isEqualTo(Positions.CHUNK);
        all.forEach(Positions::release);
        assertThat(slabs.slabCount()).isEqualTo(1);
        Positions again = of(7, 8, 9);
        assertThat(again.after(0, 5)).containsExactly(7, 8, 9);
    }
}
