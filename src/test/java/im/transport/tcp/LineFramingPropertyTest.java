package im.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Framing against a model, for random bytes cut at random points across reads: lines are what
 * lies between line feeds (one carriage return before the feed dropped, invalid UTF-8 replaced),
 * a line over the limit is one marker, and nothing but the end of input is ever thrown.
 */
class LineFramingPropertyTest {

    private static final int MAX = 32;

    @Property(tries = 2000)
    void framesAnyBytesCutAnywhereLikeTheModel(@ForAll("wire") byte[] bytes,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 70) Integer> readSizes) throws IOException {
        assertThat(frame(bytes, readSizes)).isEqualTo(model(bytes));
    }

    @Provide
    Arbitrary<byte[]> wire() {
        // Mostly printable text, with line breaks, NUL, control bytes and bytes that are not UTF-8.
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '\n', (byte) '\r', (byte) 0, (byte) 0x7f, (byte) 0xc3,
                (byte) 0xa9, (byte) 0xff, (byte) 0xe2, (byte) 0x80, (byte) ' ');
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> text = Arbitraries.bytes().between((byte) 'a', (byte) 'z');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, text), net.jqwik.api.Tuple.of(3, interesting),
                        net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(400)
                .map(list -> {
                    byte[] out = new byte[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = list.get(i);
                    }
                    return out;
                });
    }

    private static List<Object> frame(byte[] bytes, List<Integer> readSizes) throws IOException {
        LineInput input = new LineInput(new ChoppedInput(bytes, readSizes), MAX);
        List<Object> lines = new ArrayList<>();
        while (true) {
            try {
                lines.add(input.nextLine());
            } catch (SoftEndOfStreamException end) {
                return lines;
            }
        }
    }

    private static List<Object> model(byte[] bytes) {
        List<Object> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b == '\n') {
                lines.add(finish(line.toByteArray()));
                line.reset();
            } else {
                line.write(b);
            }
        }
        if (line.size() > 0) {
            lines.add(finish(line.toByteArray()));
        }
        return lines;
    }

    private static Object finish(byte[] raw) {
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        return length > MAX ? LineTooLong.INSTANCE : new String(raw, 0, length, StandardCharsets.UTF_8);
    }

    /** Hands out the bytes in reads of the given sizes, round and round, as TCP may. */
    private static final class ChoppedInput extends InputStream {

        private final byte[] bytes;
        private final List<Integer> readSizes;
        private int position;
        private int reads;

        ChoppedInput(byte[] bytes, List<Integer> readSizes) {
            this.bytes = bytes;
            this.readSizes = readSizes;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("LineInput reads in chunks");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, readSizes.get(reads++ % readSizes.size())), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
