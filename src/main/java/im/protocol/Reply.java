package im.protocol;

import java.util.regex.Pattern;

/**
 * The one line that answers a command. {@link #NONE} answers an empty line (no reply);
 * {@code closesConnection} asks the transport to close once the line is written (QUIT);
 * {@code afterwards} runs on the command's thread once the line is queued (the inbox replay
 * that follows {@code OK LOGGED_IN}).
 */
public record Reply(String line, boolean closesConnection, Runnable afterwards) {

    public static final Reply NONE = new Reply(null, false, null);
    private static final Runnable NOTHING = () -> { };

    public Reply(String line, boolean closesConnection) {
        this(line, closesConnection, NOTHING);
    }

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    public static Reply ok(String what, Object... parts) {
        StringBuilder line = new StringBuilder("OK ").append(what);
        for (Object part : parts) {
            line.append(' ').append(part);
        }
        return new Reply(line.toString(), false);
    }

    /**
     * An error; control characters and line separators in its text (which may quote what the
     * client sent) become {@code ?}, so that no error line can break a line or move a terminal's cursor.
     */
    public static Reply error(ErrorCode code, String text) {
        return new Reply("ERR " + code.name() + " " + CONTROL.matcher(text).replaceAll("?"), false);
    }

    /** The same line without trailing spaces (a list that may be empty). */
    public Reply trimmed() {
        return new Reply(line.stripTrailing(), closesConnection, afterwards);
    }

    public Reply thenClose() {
        return new Reply(line, true, afterwards);
    }

    /** The same reply, with work to run once it is queued. */
    public Reply then(Runnable next) {
        return new Reply(line, closesConnection, next);
    }

    /** Runs what comes after the reply (nothing for most commands). */
    public void runAfterwards() {
        if (afterwards != null) {
            afterwards.run();
        }
    }
}
