package im.inbox.store;

import java.util.Arrays;

/**
 * Increasing inbox positions: appended at the end (the writer hands them out in order),
 * searched by bisection, trimmed from the front as they are acknowledged or expire. Not
 * thread-safe: {@link InboxIndex} guards it.
 *
 * <p>A small one is one array that doubles; past {@link #CHUNK} positions it grows a chunk of
 * that size at a time and never copies what it holds: hundreds of inboxes growing at the same
 * rate would otherwise double at about the same time, and each new array would be copied at
 * every young collection until it is old (docs/performance-log.md).
 */
final class Positions {

    private static final int CHUNK_BITS = 9;
    /** Positions per chunk: 4 KB of them. */
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int IN_CHUNK = CHUNK - 1;

    /** The chunks in order; every one holds {@link #CHUNK} but the last, and but a first that still doubles. */
    private long[][] chunks = {new long[4]};
    private int chunkCount = 1;
    /** Index of the oldest position kept, in the first chunk. */
    private int start;
    /** Index after the newest, counted from the first chunk's start. */
    private int end;

    void add(long position) {
        long[] last = chunks[chunkCount - 1];
        int inLast = end - ((chunkCount - 1) << CHUNK_BITS);
        if (inLast == last.length) {
            if (last.length < CHUNK) {
                growFirst();
            } else {
                addChunk();
            }
        }
        chunks[(end >>> CHUNK_BITS)][end & IN_CHUNK] = position;
        end++;
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
        return chunks[index >>> CHUNK_BITS][index & IN_CHUNK];
    }

    /** The one small array, full: doubled (or only compacted, if trimming left room in it). */
    private void growFirst() {
        long[] values = chunks[0];
        int size = end - start;
        long[] grown = size * 2 > values.length ? new long[values.length * 2] : values;
        System.arraycopy(values, start, grown, 0, size);
        chunks[0] = grown;
        start = 0;
        end = size;
    }

    private void addChunk() {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = new long[CHUNK];
    }

    /** Lets go of the chunks at the front that trimming emptied, keeping the last one. */
    private void dropEmptyChunks() {
        int empty = Math.min(start >>> CHUNK_BITS, chunkCount - 1);
        if (empty == 0) {
            return;
        }
        System.arraycopy(chunks, empty, chunks, 0, chunkCount - empty);
        Arrays.fill(chunks, chunkCount - empty, chunkCount, null);
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
