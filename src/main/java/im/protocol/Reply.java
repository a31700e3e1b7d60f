package im.protocol;

/**
 * The one line that answers a command. {@link #NONE} answers an empty line (no reply);
 * {@code closesConnection} asks the transport to close once the line is written (QUIT).
 */
public record Reply(String line, boolean closesConnection) {

    public static final Reply NONE = new Reply(null, false);

    public static Reply ok(String what, Object... parts) {
        StringBuilder line = new StringBuilder("OK ").append(what);
        for (Object part : parts) {
            line.append(' ').append(part);
        }
        return new Reply(line.toString(), false);
    }

    public static Reply error(ErrorCode code, String text) {
        return new Reply("ERR " + code.name() + " " + text, false);
    }

    /** The same line without trailing spaces (a list that may be empty). */
    public Reply trimmed() {
        return new Reply(line.stripTrailing(), closesConnection);
    }

    public Reply thenClose() {
        return new Reply(line, true);
    }
}
