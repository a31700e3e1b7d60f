package im.transport.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * im/1's framing, fed with bytes as they arrive: lines cut at {@code \n} (a {@code \r} before
 * it dropped), decoded as UTF-8 with U+FFFD for invalid sequences; a line over the limit is
 * discarded up to its {@code \n} and reported as {@link LineTooLong}. Holds only the part of
 * a line not yet ended, so an idle connection costs its 128-byte start. One thread at a time.
 */
final class LineFramer {

    private final int maxBytes;
    private byte[] line = new byte[128];
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
        append(bytes, from, newline - from);
        if (newline == to) {
            return to;
        }
        completed = finishLine();
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
            line = Arrays.copyOf(line, Math.min(room, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(bytes, from, line, length, count);
        length += count;
    }

    private Object finishLine() {
        int lineLength = length;
        boolean tooLong = discarding;
        length = 0;
        discarding = false;
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        if (tooLong || lineLength > maxBytes) {
            return LineTooLong.INSTANCE;
        }
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }
}
