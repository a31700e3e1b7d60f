package im.protocol;

import java.util.Arrays;
import java.util.Locale;

/**
 * One command line split into a keyword and space-separated arguments. Leading and
 * trailing spaces are ignored; {@link #textFrom(int)} keeps inner spaces of free text.
 */
public final class Request {

    private static final int MAX_TOKENS = 64;

    private final String line;
    private final String keyword;
    /** Token {@code i} is {@code line.substring(bounds[2 * i], bounds[2 * i + 1])}. */
    private final int[] bounds;
    private final int argumentCount;

    private Request(String line, int[] bounds, int tokens) {
        this.line = line;
        this.keyword = upperCase(line.substring(bounds[0], bounds[1]));
        this.bounds = bounds;
        this.argumentCount = tokens - 1;
    }

    /** Parses a line (without its line break); null for a line with nothing but spaces. */
    public static Request parse(String line) {
        // Sized for a short command and grown for a long text: this runs for every line.
        int[] bounds = new int[16];
        int tokens = 0;
        int i = 0;
        int length = line.length();
        while (i < length && tokens < MAX_TOKENS) {
            while (i < length && line.charAt(i) == ' ') {
                i++;
            }
            if (i == length) {
                break;
            }
            if (2 * tokens == bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * tokens] = i;
            while (i < length && line.charAt(i) != ' ') {
                i++;
            }
            bounds[2 * tokens++ + 1] = i;
        }
        if (tokens == 0) {
            return null;
        }
        if (tokens == MAX_TOKENS) {
            // Past the last token we track, the rest of the line counts as one more (never used as a name).
            int end = length;
            while (line.charAt(end - 1) == ' ') {
                end--;
            }
            bounds[2 * tokens - 1] = end;
        }
        return new Request(line, bounds, tokens);
    }

    /** Keywords are mostly sent in upper case already; skip the copy then. */
    private static String upperCase(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z' || c > 127) {
                return word.toUpperCase(Locale.ROOT);
            }
        }
        return word;
    }

    public String keyword() {
        return keyword;
    }

    public int argumentCount() {
        return argumentCount;
    }

    /** The argument at {@code index}, counted from 0 after the keyword. */
    public String argument(int index) {
        return line.substring(bounds[2 * index + 2], bounds[2 * index + 3]);
    }

    public String argumentOr(int index, String fallback) {
        return index < argumentCount ? argument(index) : fallback;
    }

    /** The rest of the line from argument {@code index} on, inner spaces kept, trailing ones not. */
    public String textFrom(int index) {
        return line.substring(bounds[2 * index + 2], bounds[2 * argumentCount + 1]);
    }
}
