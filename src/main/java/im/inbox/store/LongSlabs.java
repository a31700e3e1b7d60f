package im.inbox.store;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Chunks of {@link #CHUNK} longs carved out of a few large arrays (slabs), for the index's
 * positions, which live as long as their messages. A slab as large as a G1 region is allocated
 * straight into the old generation and never copied, where chunks of their own would be copied
 * at every young collection until they are old: at a steady rate that copying set the length of
 * the young pauses (docs/PERFORMANCE.md). Not thread-safe: its owner's lock guards it.
 *
 * <p>A chunk is named by an int: its slab in the high 16 bits, its place in the slab in the low
 * ones. Chunks are handed out from the lowest slab that has one free, so that slabs empty as
 * old positions are trimmed; an emptied slab is let go, but for one kept spare, so that a chunk
 * taken and given back at a slab's edge does not allocate a slab each time.
 */
final class LongSlabs {

    static final int CHUNK_BITS = 9;
    /** Longs per chunk: 4 KB. */
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS_PER_SLAB = 1 << 16;
    /** Without G1 (no regions to fill) a slab of 512 KB. */
    private static final int CHUNKS_PER_SLAB_WITHOUT_G1 = 128;

    private final int chunksPerSlab;
    private long[][] slabs = new long[0][];
    /** Per slab, its free chunks as a stack; null for a slab let go. */
    private int[][] free = new int[0][];
    private int[] freeCounts = new int[0];

    LongSlabs(int chunksPerSlab) {
        if (chunksPerSlab < 1 || chunksPerSlab > MAX_CHUNKS_PER_SLAB) {
            throw new IllegalArgumentException("chunks per slab: " + chunksPerSlab);
        }
        this.chunksPerSlab = chunksPerSlab;
    }

    /** As many chunks as fill one G1 region, header included: such an array is humongous. */
    static LongSlabs sizedForTheHeap() {
        return new LongSlabs(chunksPerRegion(g1RegionBytes()));
    }

    static int chunksPerRegion(long regionBytes) {
        if (regionBytes <= 0) {
            return CHUNKS_PER_SLAB_WITHOUT_G1;
        }
        long arrayHeaderBytes = 16;
        long chunks = (regionBytes - arrayHeaderBytes) / (CHUNK * Long.BYTES);
        return (int) Math.max(1, Math.min(MAX_CHUNKS_PER_SLAB, chunks));
    }

    /** The region size when the collector is G1, else 0. */
    private static long g1RegionBytes() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(hotSpot.getVMOption("UseG1GC").getValue())) {
                return 0;
            }
            return Long.parseLong(hotSpot.getVMOption("G1HeapRegionSize").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            // Another VM, or a runtime without jdk.management: slabs of the size without G1.
            return 0;
        }
    }

    /** A free chunk: from the lowest slab that has one, or from a new slab. */
    int take() {
        for (int slab = 0; slab < slabs.length; slab++) {
            if (freeCounts[slab] > 0) {
                return takeFrom(slab);
            }
        }
        return takeFrom(newSlab());
    }

    void give(int chunk) {
        int slab = chunk >>> 16;
        if (free[slab] == null || freeCounts[slab] == chunksPerSlab) {
            throw new IllegalStateException("chunk " + Integer.toHexString(chunk) + " is not taken");
        }
        free[slab][freeCounts[slab]++] = chunk & 0xFFFF;
        if (isEmpty(slab) && anotherIsEmpty(slab)) {
            slabs[slab] = null;
            free[slab] = null;
            freeCounts[slab] = 0;
        }
    }

    long get(int chunk, int index) {
        return slabs[chunk >>> 16][((chunk & 0xFFFF) << CHUNK_BITS) | index];
    }

    void set(int chunk, int index, long value) {
        slabs[chunk >>> 16][((chunk & 0xFFFF) << CHUNK_BITS) | index] = value;
    }

    /** Slabs held now, the spare included. */
    int slabCount() {
        int held = 0;
        for (long[] slab : slabs) {
            held += slab == null ? 0 : 1;
        }
        return held;
    }

    private int takeFrom(int slab) {
        return slab << 16 | free[slab][--freeCounts[slab]];
    }

    private boolean isEmpty(int slab) {
        return slabs[slab] != null && freeCounts[slab] == chunksPerSlab;
    }

    /** Whether a slab other than {@code slab} is empty: the spare. Looked at only when a slab empties. */
    private boolean anotherIsEmpty(int slab) {
        for (int other = 0; other < slabs.length; other++) {
            if (other != slab && isEmpty(other)) {
                return true;
            }
        }
        return false;
    }

    private int newSlab() {
        int slab = 0;
        while (slab < slabs.length && slabs[slab] != null) {
            slab++;
        }
        if (slab == slabs.length) {
            if (slab == MAX_CHUNKS_PER_SLAB) {
                throw new IllegalStateException("the index holds " + slab + " slabs, as many as it can name");
            }
            slabs = Arrays.copyOf(slabs, slab + 1);
            free = Arrays.copyOf(free, slab + 1);
            freeCounts = Arrays.copyOf(freeCounts, slab + 1);
        }
        slabs[slab] = new long[chunksPerSlab << CHUNK_BITS];
        int[] stack = new int[chunksPerSlab];
        for (int i = 0; i < chunksPerSlab; i++) {
            stack[i] = chunksPerSlab - 1 - i;
        }
        free[slab] = stack;
        freeCounts[slab] = chunksPerSlab;
        return slab;
    }
}
