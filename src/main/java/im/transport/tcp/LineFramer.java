package im.transport.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * im/1's framing, fed with bytes as they arrive: lines cut at {@code \n} (a {@code \r} before
 * it dropped), decoded as UTF-8 with U+FFFD for invalid sequences; a line over the limit is
 * discarded up to its {@code \n} and reported as {@link LineTooLong}. A line that arrives whole
 * is decoded straight from the bytes read; only the start of a line split across reads is
 * copied aside, into a buffer made when first needed, so that a connection whose lines come
 * whole (most, and every idle one) holds none. One thread at a time.
 */
final class LineFramer {

    private static final byte[] NONE = new byte[0];
    private static final int FIRST_BUFFER_BYTES = 128;

    private final int maxBytes;
    private byte[] line = NONE;
    private int length;
    private boolean discarding;
    private Object completed;

    LineFramer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Consumes {@code bytes[from, to)} up to and including the first {@code \n}, and returns
     * where it stopped: {@code to} if no line ended, in which case everything was kept for the
     * next call. When a line ended, {@link #takeLine} has it.
     */
    int feed(byte[] bytes, int from, int to) {
        int newline = from;
        while (newline < to && bytes[newline] != '\n') {
            newline++;
        }
        if (newline == to) {
            append(bytes, from, newline - from);
            return to;
        }
        if (length == 0 && !discarding) {
            completed = decode(bytes, from, newline - from, false);
        } else {
            append(bytes, from, newline - from);
            completed = finishLine();
        }
        return newline + 1;
    }

    /** The line the last {@link #feed} ended (a String or {@link LineTooLong}), or null; once. */
    Object takeLine() {
        Object line = completed;
        completed = null;
        return line;
    }

    /** At the end of input: an unterminated last line, which counts as a line, or null. */
    Object endOfInput() {
        return length > 0 || discarding ? finishLine() : null;
    }

    private void append(byte[] bytes, int from, int count) {
        if (discarding || count == 0) {
            return;
        }
        int room = maxBytes + 1; // one more for a \r before the \n
        if (length + count > room) {
            discarding = true;
            length = 0;
            return;
        }
        if (length + count > line.length) {
            int grown = Math.max(Math.max(line.length * 2, FIRST_BUFFER_BYTES), length + count);
            line = Arrays.copyOf(line, Math.min(room, grown));
        }
        System.arraycopy(bytes, from, line, length, count);
        length += count;
    }

    private Object finishLine() {
        int lineLength = length;
        boolean tooLong = discarding;
        length = 0;
        discarding = false;
        return decode(line, 0, lineLength, tooLong);
    }

    /** {@code bytes[from, from + count)} without the line's {@code \r} as a String, or {@link LineTooLong}. */
    private Object decode(byte[] bytes, int from, int count, boolean tooLong) {
        int lineLength = count;
        if (lineLength > 0 && bytes[from + lineLength - 1] == '\r') {
            lineLength--;
        }
        if (tooLong || lineLength > maxBytes) {
            return LineTooLong.INSTANCE;
        }
        return new String(bytes, from, lineLength, StandardCharsets.UTF_8);
    }
}
