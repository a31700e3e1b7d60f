package im.inbox;

/**
 * Message ids are inbox positions in base 36 ({@code 3k2x9a1f0}): unique, increasing, cheap, and
 * turned back into a position without a look-up for {@code ACK} and {@code HISTORY ... before}.
 */
public final class MessageIds {

    private static final int MAX_ID_LENGTH = 12;

    private MessageIds() {
    }

    public static String id(long position) {
        return Long.toString(position, 36);
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
