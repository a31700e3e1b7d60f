package im.client;

import java.util.Locale;
import java.util.Map;

/**
 * Where the passwords are in a command line ({@code LOGIN <user> <password>},
 * {@code REGISTER <user> <password>}, {@code PASSWD <old> <new>}): shown as stars while typed,
 * and such lines kept out of the line history.
 */
final class Secrets {

    /** Command → the index of its first password word (every word from there is one, up to two). */
    private static final Map<String, Integer> FIRST_PASSWORD = Map.of("LOGIN", 2, "REGISTER", 2, "PASSWD", 1);

    private Secrets() {
    }

    static boolean holdsPassword(String line) {
        return FIRST_PASSWORD.containsKey(keyword(line));
    }

    /** The line as it may be shown: each password word as as many stars. */
    static String masked(String line) {
        Integer first = FIRST_PASSWORD.get(keyword(line));
        if (first == null) {
            return line;
        }
        int last = first + (keyword(line).equals("PASSWD") ? 1 : 0);
        StringBuilder shown = new StringBuilder(line.length());
        int word = -1;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                inWord = false;
                shown.append(c);
                continue;
            }
            if (!inWord) {
                inWord = true;
                word++;
            }
            shown.append(word >= first && word <= last ? '*' : c);
        }
        return shown.toString();
    }

    private static String keyword(String line) {
        return line.strip().split(" ", 2)[0].toUpperCase(Locale.ROOT);
    }
}
