package im.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToIntFunction;

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

    private Request(String line, String keyword, int[] bounds, int tokens) {
        this.line = line;
        this.keyword = keyword;
        this.bounds = bounds;
        this.argumentCount = tokens - 1;
    }

    /** Parses a line (without its line break); null for a line with nothing but spaces. */
    public static Request parse(String line) {
        return parse(line, keyword -> MAX_TOKENS);
    }

    /**
     * The same, splitting no more tokens (the keyword included) than {@code maxTokens} says for
     * the keyword: the last one then takes the rest of the line. A {@code SEND} needs three (the
     * keyword, the recipient, the text), and splitting its text into words as well is a
     * measurable share of the event loop's work at full load (docs/performance-log.md).
     */
    public static Request parse(String line, ToIntFunction<String> maxTokens) {
        int length = line.length();
        int i = skipSpaces(line, 0);
        if (i == length) {
            return null;
        }
        int keywordEnd = tokenEnd(line, i);
        String keyword = upperCase(line.substring(i, keywordEnd));
        int limit = Math.max(1, Math.min(MAX_TOKENS, maxTokens.applyAsInt(keyword)));
        // Sized for a short command and grown for a long text: this runs for every line.
        int[] bounds = new int[Math.min(2 * limit, 16)];
        bounds[0] = i;
        bounds[1] = keywordEnd;
        int tokens = 1;
        i = keywordEnd;
        while (tokens < limit) {
            i = skipSpaces(line, i);
            if (i == length) {
                break;
            }
            if (2 * tokens == bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * tokens] = i;
            i = tokenEnd(line, i);
            bounds[2 * tokens++ + 1] = i;
        }
        if (tokens == limit && i < length) {
            // Past the last token we split, the rest of the line counts as part of it.
            int end = length;
            while (line.charAt(end - 1) == ' ') {
                end--;
            }
            bounds[2 * tokens - 1] = end;
        }
        return new Request(line, keyword, bounds, tokens);
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) != ' ') {
            i++;
        }
        return i;
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
