package im.inbox;

import java.util.Arrays;

/**
 * Increasing inbox positions in a growable array: appended at the end (the writer hands them
 * out in order), searched by bisection, trimmed from the front as they are acknowledged or
 * expire. Not thread-safe: {@link InboxIndex} guards it.
 */
final class Positions {

    private long[] values = new long[4];
    private int start;
    private int end;

    void add(long position) {
        if (end == values.length) {
            int size = end - start;
            long[] grown = size * 2 > values.length ? new long[values.length * 2] : values;
            System.arraycopy(values, start, grown, 0, size);
            values = grown;
            start = 0;
            end = size;
        }
        values[end++] = position;
    }

    int size() {
        return end - start;
    }

    boolean contains(long position) {
        return Arrays.binarySearch(values, start, end, position) >= 0;
    }

    /** Up to {@code limit} positions after {@code position}, oldest first. */
    long[] after(long position, int limit) {
        int from = firstAbove(position);
        return Arrays.copyOfRange(values, from, Math.min(end, from + limit));
    }

    /** Up to {@code limit} positions before {@code position}, newest first. */
    long[] before(long position, int limit) {
        int to = firstAbove(position - 1);
        int from = Math.max(start, to - limit);
        long[] newestFirst = new long[to - from];
        for (int i = 0; i < newestFirst.length; i++) {
            newestFirst[i] = values[to - 1 - i];
        }
        return newestFirst;
    }

    /** The greatest position at or below {@code position}, or -1. */
    long floor(long position) {
        int above = firstAbove(position);
        return above > start ? values[above - 1] : -1;
    }

    /** Drops every position up to and including {@code position}; returns how many. */
    int removeUpTo(long position) {
        int above = firstAbove(position);
        int removed = above - start;
        start = above;
        return removed;
    }

    /** Drops the oldest beyond the newest {@code count}; returns how many. */
    int keepLast(int count) {
        int removed = Math.max(0, size() - count);
        start += removed;
        return removed;
    }

    private int firstAbove(long position) {
        int low = start;
        int high = end;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (values[middle] <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
