package im.inbox.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads a segment's bytes as records, and finds the next whole record after damage. A record
 * (written since format 2): a marker, the body's length, the batch's first and last position
 * and sent time, a CRC-32C of the body, a CRC-32C of the header before it, the body. The
 * marker and the header's own checksum let a reader find the next record after a damaged
 * stretch without trusting any length inside it. Records of format 1 (length, CRC of the rest,
 * positions, time, body) are still read; their first 4 bytes, a length under a segment's size,
 * can never equal the marker.
 */
final class SegmentScanner {

    /** "IMB2". */
    static final int MARKER = 0x494D4232;
    static final int HEADER_BYTES = 4 + 4 + 8 + 8 + 8 + 4 + 4;
    static final int OLD_HEADER_BYTES = 4 + 4 + 8 + 8 + 8;
    /** Sent times outside these (2001 to 2286) mark a format-1 candidate found while resynchronising as false. */
    private static final long PLAUSIBLE_FROM_MILLIS = 1_000_000_000_000L;
    private static final long PLAUSIBLE_TO_MILLIS = 10_000_000_000_000L;

    /** A whole record: where it starts, where its body is, and the batch's fields. */
    record Found(int offset, int bodyOffset, int length, long first, long last, long sentAt) {

        int end() {
            return bodyOffset + length;
        }
    }

    /** What a scan finds, in file order. */
    interface Visitor {

        void record(Found found);

        /**
         * Bytes from {@code from} to {@code to} that are no whole record; {@code toEnd} when no
         * whole record follows them in this segment.
         */
        void damaged(int from, int to, boolean toEnd);
    }

    private SegmentScanner() {
    }

    /** Visits every whole record whose first position is above {@code after}, and every stretch between. */
    static void scan(ByteBuffer data, long after, Visitor visitor) {
        int position = 0;
        long previous = after;
        int size = data.limit();
        while (position < size) {
            Found found = recordAt(data, position, previous, false);
            if (found != null) {
                visitor.record(found);
                previous = found.first();
                position = found.end();
                continue;
            }
            int next = nextRecord(data, position + 1, previous);
            visitor.damaged(position, next < 0 ? size : next, next < 0);
            if (next < 0) {
                return;
            }
            position = next;
        }
    }

    /**
     * Whether the bytes from {@code from} to the end could be the start of a record that a crash
     * cut short: too few bytes for a header, or a header that is whole and checks out but
     * promises more body than there is.
     */
    static boolean cutShort(ByteBuffer data, int from) {
        int remaining = data.limit() - from;
        if (allZero(data, from)) {
            // A file the kernel had grown but not yet written when the power went.
            return true;
        }
        if (remaining < 4 || data.getInt(from) != MARKER) {
            return remaining < OLD_HEADER_BYTES || data.getInt(from) >= 0
                    && (long) data.getInt(from) > remaining - OLD_HEADER_BYTES;
        }
        if (remaining < HEADER_BYTES) {
            return true;
        }
        return crc(data, from, HEADER_BYTES - 4) == data.getInt(from + HEADER_BYTES - 4)
                && data.getInt(from + 4) > remaining - HEADER_BYTES;
    }

    /** Writes a record's header for a body into {@code header} (cleared first, flipped after). */
    static void header(ByteBuffer header, long first, long last, long sentAt, byte[] body) {
        CRC32C bodyCrc = new CRC32C();
        bodyCrc.update(body);
        header.clear();
        header.putInt(MARKER).putInt(body.length).putLong(first).putLong(last).putLong(sentAt)
                .putInt((int) bodyCrc.getValue());
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(header.array(), 0, header.position());
        header.putInt((int) headerCrc.getValue()).flip();
    }

    /** Where the body of the record at {@code offset} starts, given its first 4 bytes. */
    static int headerBytes(int firstWord) {
        return firstWord == MARKER ? HEADER_BYTES : OLD_HEADER_BYTES;
    }

    private static int nextRecord(ByteBuffer data, int from, long previous) {
        for (int candidate = from; candidate + 4 <= data.limit(); candidate++) {
            if (recordAt(data, candidate, previous, true) != null) {
                return candidate;
            }
        }
        return -1;
    }

    private static Found recordAt(ByteBuffer data, int offset, long previous, boolean resynchronising) {
        int remaining = data.limit() - offset;
        if (remaining >= 4 && data.getInt(offset) == MARKER) {
            return markedRecordAt(data, offset, previous, remaining);
        }
        if (remaining < OLD_HEADER_BYTES) {
            return null;
        }
        int length = data.getInt(offset);
        long first = data.getLong(offset + 8);
        long last = data.getLong(offset + 16);
        long sentAt = data.getLong(offset + 24);
        if (length < 0 || length > remaining - OLD_HEADER_BYTES || first <= previous || last < first) {
            return null;
        }
        if (resynchronising && (sentAt < PLAUSIBLE_FROM_MILLIS || sentAt > PLAUSIBLE_TO_MILLIS)) {
            return null;
        }
        // Format 1's CRC covers the positions, the time and the body: the bytes after itself.
        if (crc(data, offset + 8, OLD_HEADER_BYTES - 8 + length) != data.getInt(offset + 4)) {
            return null;
        }
        return new Found(offset, offset + OLD_HEADER_BYTES, length, first, last, sentAt);
    }

    private static Found markedRecordAt(ByteBuffer data, int offset, long previous, int remaining) {
        if (remaining < HEADER_BYTES || crc(data, offset, HEADER_BYTES - 4) != data.getInt(offset + HEADER_BYTES - 4)) {
            return null;
        }
        int length = data.getInt(offset + 4);
        long first = data.getLong(offset + 8);
        long last = data.getLong(offset + 16);
        long sentAt = data.getLong(offset + 24);
        if (length < 0 || length > remaining - HEADER_BYTES || first <= previous || last < first
                || crc(data, offset + HEADER_BYTES, length) != data.getInt(offset + 32)) {
            return null;
        }
        return new Found(offset, offset + HEADER_BYTES, length, first, last, sentAt);
    }

    private static boolean allZero(ByteBuffer data, int from) {
        for (int i = from; i < data.limit(); i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int crc(ByteBuffer data, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data.slice(from, length));
        return (int) crc.getValue();
    }
}
