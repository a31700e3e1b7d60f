package im.protocol;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What answers a command, of one of three kinds: {@link #NONE} (an empty line gets no reply),
 * a {@link Line}, or a {@link Later} reply, known once something completes (a message stored).
 * The transport keeps a connection's replies in order and lets its next commands run while a
 * later one is pending.
 */
public sealed interface Reply permits Reply.None, Reply.Line, Reply.Later {

    None NONE = new None();

    static Line ok(String what, Object... parts) {
        // Sized for OK SENT with a name and an id, so that it is not grown twice for every SEND.
        StringBuilder line = new StringBuilder(64).append("OK ").append(what);
        for (Object part : parts) {
            line.append(' ').append(part);
        }
        return new Line(line.toString());
    }

    /**
     * An error; control characters and line separators in its text (which may quote what the
     * client sent) become {@code ?}, so that no error line can break a line or move a terminal's cursor.
     */
    static Line error(ErrorCode code, String text) {
        return new Line("ERR " + code.name() + " " + Line.CONTROL.matcher(text).replaceAll("?"));
    }

    /** A reply that is known when {@code line} completes. */
    static Later later(CompletableFuture<Line> line) {
        return new Later(line, null);
    }

    /** No reply at all. */
    record None() implements Reply {
    }

    /**
     * One line. {@code closesConnection} asks the transport to close once it is written (QUIT);
     * {@code linesBefore} belong to it and go right before it, after every earlier reply of the
     * connection (HISTORY's messages); {@code afterwards} runs on the command's thread once it
     * is queued (the inbox replay that follows {@code OK LOGGED_IN}).
     */
    record Line(String line, boolean closesConnection, List<String> linesBefore, Runnable afterwards)
            implements Reply {

        private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");
        private static final Runnable NOTHING = () -> { };

        public Line(String line) {
            this(line, false, List.of(), NOTHING);
        }

        /** The same line without trailing spaces (a list that may be empty). */
        public Line trimmed() {
            return new Line(line.stripTrailing(), closesConnection, linesBefore, afterwards);
        }

        public Line thenClose() {
            return new Line(line, true, linesBefore, afterwards);
        }

        /** The same reply, with work to run once it is queued. */
        public Line then(Runnable next) {
            return new Line(line, closesConnection, linesBefore, next);
        }

        /** The same reply, preceded by lines that belong to it. */
        public Line after(List<String> lines) {
            return new Line(line, closesConnection, List.copyOf(lines), afterwards);
        }
    }

    /**
     * A reply known once {@code deferred} completes with its line, which goes out alone (no lines
     * before it, nothing after it); {@code onFailure} makes the line if it fails instead.
     */
    record Later(CompletableFuture<Line> deferred, Function<Throwable, Line> onFailure) implements Reply {

        /**
         * This later reply, answering with {@code failure}'s line if it fails: no completion
         * stage of its own, which matters as every SEND has one.
         */
        public Later answeringFailuresWith(Function<Throwable, Line> failure) {
            return new Later(deferred, failure);
        }

        /**
         * The line, waiting for it if need be; a failure without an {@link #answeringFailuresWith}
         * rethrows.
         */
        public Line resolved() {
            try {
                return deferred.join();
            } catch (CompletionException failed) {
                if (onFailure == null) {
                    throw failed;
                }
                return onFailure.apply(failed);
            }
        }
    }
}
