package im.protocol;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one line that answers a command. {@link #NONE} answers an empty line (no reply);
 * {@code closesConnection} asks the transport to close once the line is written (QUIT);
 * {@code afterwards} runs on the command's thread once the line is queued (the inbox replay
 * that follows {@code OK LOGGED_IN}); {@code linesBefore} are sent just before it ({@link #after}).
 * A {@link #later} reply is known once something
 * completes (a message stored): the transport keeps the connection's replies in order and
 * lets its next commands run meanwhile; {@code onFailure} makes its line if that fails.
 */
public record Reply(String line, boolean closesConnection, Runnable afterwards, CompletableFuture<Reply> deferred,
        List<String> linesBefore, Function<Throwable, Reply> onFailure) {

    public static final Reply NONE = new Reply(null, false, null, null, List.of(), null);
    private static final Runnable NOTHING = () -> { };
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    public Reply(String line, boolean closesConnection) {
        this(line, closesConnection, NOTHING, null, List.of(), null);
    }

    public static Reply ok(String what, Object... parts) {
        // Sized for OK SENT with a name and an id, so that it is not grown twice for every SEND.
        StringBuilder line = new StringBuilder(64).append("OK ").append(what);
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

    /** A reply that is known when {@code reply} completes (a plain reply, never a later one). */
    public static Reply later(CompletableFuture<Reply> reply) {
        return new Reply(null, false, null, reply, List.of(), null);
    }

    /**
     * This later reply, answering with {@code failure}'s reply if it fails: no completion
     * stage of its own, which matters as every SEND has one.
     */
    public Reply answeringFailuresWith(Function<Throwable, Reply> failure) {
        return new Reply(null, false, null, deferred, List.of(), failure);
    }

    /**
     * What a later reply turned out to be, waiting for it if need be; a failure without an
     * {@link #answeringFailuresWith} rethrows. A plain reply is itself.
     */
    public Reply resolved() {
        if (deferred == null) {
            return this;
        }
        try {
            return deferred.join();
        } catch (CompletionException failed) {
            if (onFailure == null) {
                throw failed;
            }
            return onFailure.apply(failed);
        }
    }

    public boolean isLater() {
        return deferred != null;
    }

    /** The same line without trailing spaces (a list that may be empty). */
    public Reply trimmed() {
        return new Reply(line.stripTrailing(), closesConnection, afterwards, null, linesBefore, null);
    }

    public Reply thenClose() {
        return new Reply(line, true, afterwards, null, linesBefore, null);
    }

    /** The same reply, with work to run once it is queued. */
    public Reply then(Runnable next) {
        return new Reply(line, closesConnection, next, null, linesBefore, null);
    }

    /**
     * The same reply, preceded by lines that belong to it (HISTORY's messages): they go out
     * right before it, after every earlier reply of the connection.
     */
    public Reply after(List<String> lines) {
        return new Reply(line, closesConnection, afterwards, null, List.copyOf(lines), null);
    }

    /** Runs what comes after the reply (nothing for most commands). */
    public void runAfterwards() {
        if (afterwards != null) {
            afterwards.run();
        }
    }
}
