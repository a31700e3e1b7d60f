package im.inbox.store;

import java.util.Arrays;

/**
 * Increasing inbox positions: appended at the end (the writer hands them out in order),
 * searched by bisection, trimmed from the front as they are acknowledged or expire. Not
 * thread-safe: {@link InboxIndex} guards it, and the slabs it shares with the index's others.
 *
 * <p>A small one is one array of its own that doubles; past {@link LongSlabs#CHUNK} positions
 * it moves into the slabs' chunks and grows a chunk at a time, never copying what it holds.
 * Whoever drops one calls {@link #release()}, or its chunks stay taken.
 */
final class Positions {

    static final int CHUNK = LongSlabs.CHUNK;
    private static final int CHUNK_BITS = LongSlabs.CHUNK_BITS;
    private static final int IN_CHUNK = CHUNK - 1;

    private final LongSlabs slabs;
    /** The positions while there are few; null once they are in {@link #chunks}. */
    private long[] small = new long[4];
    /** The slab chunks in order, each full but the last. */
    private int[] chunks;
    private int chunkCount;
    /** Index of the oldest position kept, in the small array or the first chunk. */
    private int start;
    /** Index after the newest, counted as {@link #start} is. */
    private int end;

    Positions(LongSlabs slabs) {
        this.slabs = slabs;
    }

    void add(long position) {
        if (small != null) {
            if (end == small.length) {
                makeRoom();
            }
            if (small != null) {
                small[end++] = position;
                return;
            }
        }
        if (end == chunkCount << CHUNK_BITS) {
            addChunk();
        }
        slabs.set(chunks[end >>> CHUNK_BITS], end & IN_CHUNK, position);
        end++;
    }

    /** Gives back the chunks: the positions are dropped, and this is empty again. */
    void release() {
        for (int i = 0; i < chunkCount; i++) {
            slabs.give(chunks[i]);
        }
        chunks = null;
        chunkCount = 0;
        small = new long[4];
        start = 0;
        end = 0;
    }

    int size() {
        return end - start;
    }

    boolean contains(long position) {
        int above = firstAbove(position);
        return above > start && at(above - 1) == position;
    }

    /** Up to {@code limit} positions after {@code position}, oldest first. */
    long[] after(long position, int limit) {
        int from = firstAbove(position);
        long[] found = new long[Math.min(end, from + limit) - from];
        for (int i = 0; i < found.length; i++) {
            found[i] = at(from + i);
        }
        return found;
    }

    /** Up to {@code limit} positions before {@code position}, newest first. */
    long[] before(long position, int limit) {
        int to = firstAbove(position - 1);
        int from = Math.max(start, to - limit);
        long[] newestFirst = new long[to - from];
        for (int i = 0; i < newestFirst.length; i++) {
            newestFirst[i] = at(to - 1 - i);
        }
        return newestFirst;
    }

    /** The greatest position at or below {@code position}, or -1. */
    long floor(long position) {
        int above = firstAbove(position);
        return above > start ? at(above - 1) : -1;
    }

    /** Drops every position up to and including {@code position}; returns how many. */
    int removeUpTo(long position) {
        int above = firstAbove(position);
        int removed = above - start;
        start = above;
        dropEmptyChunks();
        return removed;
    }

    /** Drops the oldest beyond the newest {@code count}; returns how many. */
    int keepLast(int count) {
        int removed = Math.max(0, size() - count);
        start += removed;
        dropEmptyChunks();
        return removed;
    }

    private long at(int index) {
        return small != null ? small[index] : slabs.get(chunks[index >>> CHUNK_BITS], index & IN_CHUNK);
    }

    /** The small array, full: compacted if trimming left half of it, else doubled, or moved to a chunk. */
    private void makeRoom() {
        int size = end - start;
        if (size * 2 <= small.length || small.length < CHUNK) {
            long[] grown = size * 2 <= small.length ? small : new long[small.length * 2];
            System.arraycopy(small, start, grown, 0, size);
            small = grown;
        } else {
            chunks = new int[4];
            chunks[0] = slabs.take();
            chunkCount = 1;
            for (int i = 0; i < size; i++) {
                slabs.set(chunks[0], i, small[start + i]);
            }
            small = null;
        }
        start = 0;
        end = size;
    }

    private void addChunk() {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = slabs.take();
    }

    /** Gives back the chunks at the front that trimming emptied, keeping the last one. */
    private void dropEmptyChunks() {
        if (small != null) {
            return;
        }
        int empty = Math.min(start >>> CHUNK_BITS, chunkCount - 1);
        if (empty == 0) {
            return;
        }
        for (int i = 0; i < empty; i++) {
            slabs.give(chunks[i]);
        }
        System.arraycopy(chunks, empty, chunks, 0, chunkCount - empty);
        chunkCount -= empty;
        start -= empty << CHUNK_BITS;
        end -= empty << CHUNK_BITS;
    }

    private int firstAbove(long position) {
        int low = start;
        int high = end;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (at(middle) <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
