package im.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

class LineInputTest {

    private static final int MAX = 16;

    @Test
    void cutsLinesAtLineFeedAndDropsACarriageReturnBeforeIt() throws IOException {
        assertThat(readAll("PING\nSEND a b\r\nx\r\r\n")).containsExactly("PING", "SEND a b", "x\r");
    }

    @Test
    void aLineOverTheLimitBecomesOneMarkerAndTheNextLineIsIntact() throws IOException {
        String longLine = "x".repeat(MAX + 1);
        assertThat(readAll("a\n" + longLine + "\nb\n"))
                .containsExactly("a", LineTooLong.INSTANCE, "b");
    }

    @Test
    void aLineOfExactlyTheLimitPassesEvenWithCarriageReturn() throws IOException {
        String line = "y".repeat(MAX);
        assertThat(readAll(line + "\r\n" + line + "\n")).containsExactly(line, line);
    }

    @Test
    void aVeryLongLineIsDiscardedAcrossManyReads() throws IOException {
        String huge = "z".repeat(100_000);
        assertThat(readAll(huge + "\nok\n")).containsExactly(LineTooLong.INSTANCE, "ok");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws IOException {
        byte[] bytes = {'a', (byte) 0xff, (byte) 0xc3, '\n', (byte) 0xe2, (byte) 0x82, (byte) 0xac, '\n'};
        assertThat(readAll(bytes)).containsExactly("a\uFFFD\uFFFD", "\u20AC");
    }

    @Test
    void anUnterminatedLastLineCountsThenEndOfInputRunsTheHookAndEnds() throws IOException {
        AtomicBoolean hookRan = new AtomicBoolean();
        LineInput input = new LineInput(new java.io.ByteArrayInputStream("PING\nQUIT".getBytes()), MAX);
        input.atEndOfInput(repliesOut -> {
            hookRan.set(true);
            repliesOut.run();
        });
        assertThat(input.nextLine()).isEqualTo("PING");
        assertThat(input.nextLine()).isEqualTo("QUIT");
        assertThat(hookRan).isFalse();
        assertThatThrownBy(() -> input.nextLine()).isInstanceOf(SoftEndOfStreamException.class);
        assertThat(hookRan).isTrue();
    }

    @Test
    void givesTheSameLinesWhateverHowTheBytesAreSplitAcrossReads() throws IOException {
        String text = "LOGIN alice secret\r\n" + "x".repeat(40) + "\n\nSEND bob h\u00e9llo\n" + "q".repeat(MAX) + "\n";
        List<Object> whole = readAll(text);
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(read(new ChoppedInput(bytes, random))).isEqualTo(whole);
        }
    }

    private static List<Object> readAll(String text) throws IOException {
        return readAll(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Object> readAll(byte[] bytes) throws IOException {
        return read(new java.io.ByteArrayInputStream(bytes));
    }

    private static List<Object> read(InputStream source) throws IOException {
        LineInput input = new LineInput(source, MAX);
        List<Object> lines = new ArrayList<>();
        while (true) {
            try {
                lines.add(input.nextLine());
            } catch (SoftEndOfStreamException end) {
                return lines;
            }
        }
    }

    /** Returns the bytes in reads of random sizes, as TCP may. */
    private static final class ChoppedInput extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int position;

        ChoppedInput(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int count = Math.min(1 + random.nextInt(7), Math.min(length, bytes.length - position));
            System.arraycopy(bytes, position, target, offset, count);
            position += count;
            return count;
        }
    }

}
