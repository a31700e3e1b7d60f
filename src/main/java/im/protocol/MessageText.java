package im.protocol;

/**
 * The rule for a message's text: no control character (C0 but tab, DEL, C1) and no line or
 * paragraph separator, since the text reaches other people's terminals as it is (an escape
 * sequence could retitle a window or clear it, a carriage return could forge a line); at most
 * so many characters, and so many bytes that the {@code MSG} line carrying it stays within the
 * line limit.
 */
public final class MessageText {

    /**
     * What a {@code MSG} line adds to its text, at most: keyword, id, time, sender, recipient or
     * room, and the spaces between.
     */
    public static final int MSG_LINE_OVERHEAD = 128;

    private MessageText() {
    }

    /**
     * Whether a character may not stand in a message's text, nor be shown as it is on a
     * terminal: C0 controls but tab, DEL, C1 controls, and the line and paragraph separators.
     */
    public static boolean isControl(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029';
    }

    /** A string's length in UTF-8 bytes. */
    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            bytes += utf8Bytes(text.charAt(i));
        }
        return bytes;
    }

    /** What one char takes in UTF-8: a surrogate is half of a 4-byte code point. */
    private static int utf8Bytes(char c) {
        return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }

    /** Rejects the text with INVALID_TEXT or MESSAGE_TOO_LONG, or returns its length in UTF-8 bytes. */
    public static int check(String text, int maxChars, int maxBytes) {
        int chars = 0;
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                throw new RequestRejected(ErrorCode.INVALID_TEXT, String.format(
                        "a message may not hold control characters or line breaks (U+%04X at character %d)", (int) c,
                        chars + 1));
            }
            if (!Character.isLowSurrogate(c)) {
                chars++;
            }
            bytes += utf8Bytes(c);
        }
        if (chars > maxChars || bytes > maxBytes) {
            throw new RequestRejected(ErrorCode.MESSAGE_TOO_LONG,
                    "a message is at most " + maxChars + " characters and " + maxBytes + " bytes of UTF-8");
        }
        return (int) bytes;
    }
}
