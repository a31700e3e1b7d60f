package im.inbox.store;

import java.nio.charset.StandardCharsets;

/**
 * Message ids are inbox positions in base 36 ({@code 3k2x9a1f0}): unique, increasing, cheap, and
 * turned back into a position without a look-up for {@code ACK} and {@code HISTORY ... before}.
 */
public final class MessageIds {

    private static final int MAX_ID_LENGTH = 12;
    private static final byte[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    private MessageIds() {
    }

    /**
     * {@code Long.toString(position, 36)}, with 36 as a constant: the compiler then divides by
     * multiplying, where {@code Long.toString} divides for real, a digit at a time, on every
     * message (docs/performance-log.md). Positions are not negative.
     */
    public static String id(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("no id for position " + position);
        }
        byte[] digits = new byte[MAX_ID_LENGTH + 1];
        int at = digits.length;
        long rest = position;
        do {
            digits[--at] = DIGITS[(int) (rest % 36)];
            rest /= 36;
        } while (rest != 0);
        return new String(digits, at, digits.length - at, StandardCharsets.US_ASCII);
    }

    /** The position an id stands for, or -1 for a token that is not one of our ids. */
    public static long position(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return -1;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
                return -1;
            }
        }
        return Long.parseLong(id, 36);
    }
}
