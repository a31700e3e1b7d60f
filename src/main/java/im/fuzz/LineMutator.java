package im.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Makes fuzz lines: valid im/1 commands, the same mutated (bytes flipped, inserted, cut,
 * repeated), and random bytes, with NUL, control characters, invalid UTF-8 and lines far
 * over the limit among them. Each result ends with one {@code \n}; no other {@code \n} inside.
 */
final class LineMutator {

    /** A handful of names, so that a long run registers a bounded number of accounts. */
    private static final List<String> SEEDS = List.of(
            "REGISTER fuzz%d password%d", "LOGIN fuzz%d password%d", "LOGIN fuzz%d wrongpass%d", "SEND fuzz%d hi %d",
            "send FUZZ%d  spaced   text %d", "LIST_ONLINE", "PING %d-%d", "HELP", "LOGOUT",
            "PASSWD password%d password%d", "SEND fuzz%d", "LOGIN", "REGISTER x%d", "JOIN #room%d %d", "QUIT",
            "JOIN #room%d", "LEAVE #room%d", "SEND #room%d hi %d", "ROOMS", "MEMBERS #room%d", "ACK %d", "ACK zz%d",
            "HISTORY fuzz%d %d", "HISTORY #room%d 5 before %d", "SESSIONS", "LOGIN fuzz%d password%d phone");
    private static final byte[] NASTY = {0, '\r', 0x7f, (byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe,
            (byte) 0xe2, (byte) 0x80, (byte) 0xae, (byte) 0xf0, (byte) 0x9f, 0x1b, '\t', ' '};

    private final Random random;
    private final int maxLineBytes;

    LineMutator(long seed, int maxLineBytes) {
        this.random = new Random(seed);
        this.maxLineBytes = maxLineBytes;
    }

    byte[] next() {
        int kind = random.nextInt(100);
        byte[] line;
        if (kind < 35) {
            line = seed();
        } else if (kind < 85) {
            line = mutate(seed());
        } else if (kind < 97) {
            line = randomBytes(random.nextInt(200));
        } else {
            line = randomBytes(maxLineBytes + 1 + random.nextInt(3 * maxLineBytes));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length + 1);
        for (byte b : line) {
            if (b != '\n') {
                out.write(b);
            }
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Whether a line would end its connection (QUIT in any case): the fuzzer reconnects after it. */
    static boolean isQuit(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1).strip();
        return text.equalsIgnoreCase("QUIT") || text.toUpperCase().startsWith("QUIT ");
    }

    private byte[] seed() {
        String template = SEEDS.get(random.nextInt(SEEDS.size()));
        return String.format(template, random.nextInt(20), random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] mutate(byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(line);
        byte[] bytes = out.toByteArray();
        for (int m = 0, mutations = 1 + random.nextInt(4); m < mutations; m++) {
            bytes = switch (random.nextInt(5)) {
                case 0 -> flip(bytes);
                case 1 -> insert(bytes, NASTY[random.nextInt(NASTY.length)]);
                case 2 -> bytes.length == 0 ? bytes : java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case 3 -> repeat(bytes);
                default -> insert(bytes, (byte) random.nextInt(256));
            };
        }
        return bytes;
    }

    private byte[] flip(byte[] bytes) {
        if (bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private byte[] insert(byte[] bytes, byte b) {
        int at = random.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        return out;
    }

    private byte[] repeat(byte[] bytes) {
        int times = 1 + random.nextInt(random.nextInt(10) == 0 ? 2000 : 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < times && out.size() < 4 * maxLineBytes; i++) {
            out.writeBytes(bytes);
            out.write(' ');
        }
        return out.toByteArray();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
