package im.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the users file line by line, byte-wise, so that one damaged line (a byte that is not
 * UTF-8, a field that does not parse, a last line a crash cut short) is reported and the rest is
 * read. A damaged line's name stays reserved when its first field is still a valid name, so that
 * nobody else can register it until the line is repaired.
 */
final class UsersFile {

    /** One account line, in file order; a later line for a name is a new hash for it. */
    record Line(int number, Account account) {
    }

    /** A line that is not an account: why, and the name it reserves (null if none can be read). */
    record Damaged(int number, String why, String reservedName, String text) {
    }

    record Contents(List<Line> accounts, List<Damaged> damaged) {
    }

    private UsersFile() {
    }

    static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Line> accounts = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        int number = 0;
        for (int start = 0; start < bytes.length; ) {
            number++;
            int end = indexOf(bytes, (byte) '\n', start);
            boolean torn = end < 0;
            int stop = torn ? bytes.length : end;
            if (stop > start && bytes[start] != '#') {
                readLine(bytes, start, stop, torn, number, accounts, damaged);
            }
            start = stop + 1;
        }
        return new Contents(accounts, damaged);
    }

    private static void readLine(byte[] bytes, int start, int stop, boolean torn, int number, List<Line> accounts,
            List<Damaged> damaged) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, stop - start))
                    .toString();
        } catch (CharacterCodingException e) {
            String readable = new String(bytes, start, stop - start, StandardCharsets.ISO_8859_1);
            damaged.add(new Damaged(number, "is not valid UTF-8", nameOf(readable), readable));
            return;
        }
        if (text.isBlank()) {
            return;
        }
        if (torn) {
            damaged.add(new Damaged(number, "has no line break (a write cut short)", nameOf(text), text));
            return;
        }
        Optional<Account> account = parse(text);
        if (account.isPresent()) {
            accounts.add(new Line(number, account.get()));
        } else {
            damaged.add(new Damaged(number, "cannot be parsed", nameOf(text), text));
        }
    }

    static Optional<Account> parse(String line) {
        String[] fields = line.split(" ");
        if (fields.length != 3 || !UserNames.isValid(fields[0]) || !fields[1].startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Account(fields[0], fields[1], Instant.parse(fields[2])));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String nameOf(String line) {
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        return UserNames.isValid(first) ? first : null;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
