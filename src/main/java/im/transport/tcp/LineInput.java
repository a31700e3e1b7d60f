package im.transport.tcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A connection's input, read a chunk per system call and cut into lines at {@code \n}. A line
 * over the limit is discarded up to its {@code \n} and reported as {@link LineTooLong}; bytes
 * are decoded as UTF-8 with U+FFFD for invalid sequences. Reads and state belong to the
 * connection's one reader thread.
 */
final class LineInput extends FilterInputStream {

    private static final int CHUNK_BYTES = 2048;

    private final byte[] chunk = new byte[CHUNK_BYTES];
    private int position;
    private int end;
    private byte[] line = new byte[128];
    private int length;
    private boolean discarding;
    private volatile Runnable atEndOfInput = () -> { };

    LineInput(InputStream socketInput) {
        super(socketInput);
    }

    /** Runs on the reader thread when the client has closed its side, before the connection closes. */
    void atEndOfInput(Runnable action) {
        this.atEndOfInput = action;
    }

    /**
     * The next line (a String without its {@code \n} or a {@code \r} before it) or
     * {@link LineTooLong}. An unterminated last line before end of input counts as a line.
     */
    Object nextLine(int maxBytes) throws IOException {
        while (true) {
            if (position == end) {
                int read = in.read(chunk);
                if (read < 0) {
                    return endOfInput(maxBytes);
                }
                position = 0;
                end = read;
            }
            int newline = position;
            while (newline < end && chunk[newline] != '\n') {
                newline++;
            }
            append(newline - position, maxBytes);
            if (newline < end) {
                position = newline + 1;
                return finishLine(maxBytes);
            }
            position = end;
        }
    }

    private void append(int count, int maxBytes) {
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
        System.arraycopy(chunk, position, line, length, count);
        length += count;
    }

    private Object finishLine(int maxBytes) {
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

    private Object endOfInput(int maxBytes) {
        if (length > 0 || discarding) {
            return finishLine(maxBytes);
        }
        atEndOfInput.run();
        throw new SoftEndOfStreamException("The client closed the connection");
    }
}
