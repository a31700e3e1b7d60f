package im.inbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LongSlabsTest {

    @Test
    void handsOutChunksFromTheLowestSlabThatHasOne() {
        LongSlabs slabs = new LongSlabs(2);
        int a = slabs.take();
        int b = slabs.take();
        int c = slabs.take();
        assertThat(slabs.slabCount()).isEqualTo(2);
        slabs.set(a, 0, 1);
        slabs.set(b, LongSlabs.CHUNK - 1, 2);
        slabs.set(c, 5, 3);
        assertThat(slabs.get(a, 0)).isEqualTo(1);
        assertThat(slabs.get(b, LongSlabs.CHUNK - 1)).isEqualTo(2);
        assertThat(slabs.get(c, 5)).isEqualTo(3);
        slabs.give(a);
        assertThat(slabs.take()).as("the first slab's free chunk before the second's").isEqualTo(a);
    }

    @Test
    void keepsOneEmptySlabSpareAndLetsGoOfTheRest() {
        LongSlabs slabs = new LongSlabs(1);
        int a = slabs.take();
        int b = slabs.take();
        int c = slabs.take();
        slabs.give(a);
        assertThat(slabs.slabCount()).as("one empty slab is kept").isEqualTo(3);
        slabs.give(b);
        assertThat(slabs.slabCount()).isEqualTo(2);
        int again = slabs.take();
        assertThat(slabs.slabCount()).as("the spare is used before a new slab").isEqualTo(2);
        slabs.give(again);
        slabs.give(c);
        assertThat(slabs.slabCount()).isEqualTo(1);
    }

    @Test
    void refusesAChunkGivenBackTwice() {
        LongSlabs slabs = new LongSlabs(1);
        int a = slabs.take();
        slabs.give(a);
        assertThatThrownBy(() -> slabs.give(a)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSlabFillsOneG1RegionWithItsHeader() {
        assertThat(LongSlabs.chunksPerRegion(4L << 20)).isEqualTo(1023);
        assertThat(LongSlabs.chunksPerRegion(1L << 20)).isEqualTo(255);
        assertThat(LongSlabs.chunksPerRegion(0)).isEqualTo(128);
        assertThat(LongSlabs.sizedForTheHeap()).isNotNull();
    }
}
