package im.transport.tcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A connection's input for a reader thread of its own: read a chunk per system call and cut
 * into lines by a {@link LineFramer}. Reads and state belong to the connection's one reader thread.
 */
final class LineInput extends FilterInputStream {

    private static final int CHUNK_BYTES = 2048;

    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final LineFramer framer;
    private int position;
    private int end;
    /** The longest the reader thread waits at the end of input for the last replies to go out. */
    private static final Duration MAX_WAIT_AT_END_OF_INPUT = Duration.ofSeconds(30);

    private volatile Consumer<Runnable> atEndOfInput = Runnable::run;

    LineInput(InputStream socketInput, int maxLineBytes) {
        super(socketInput);
        this.framer = new LineFramer(maxLineBytes);
    }

    /**
     * Runs on the reader thread when the client has closed its side; the thread waits until the
     * action calls its argument (the last replies are out), then the connection closes.
     */
    void atEndOfInput(Consumer<Runnable> action) {
        this.atEndOfInput = action;
    }

    /**
     * The next line (a String without its {@code \n} or a {@code \r} before it) or
     * {@link LineTooLong}. An unterminated last line before end of input counts as a line.
     */
    Object nextLine() throws IOException {
        while (true) {
            if (position == end) {
                int read = in.read(chunk);
                if (read < 0) {
                    return endOfInput();
                }
                position = 0;
                end = read;
            }
            position = framer.feed(chunk, position, end);
            Object line = framer.takeLine();
            if (line != null) {
                return line;
            }
        }
    }

    private Object endOfInput() {
        Object last = framer.endOfInput();
        if (last != null) {
            return last;
        }
        CountDownLatch repliesOut = new CountDownLatch(1);
        atEndOfInput.accept(repliesOut::countDown);
        try {
            repliesOut.await(MAX_WAIT_AT_END_OF_INPUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new SoftEndOfStreamException("The client closed the connection");
    }
}
