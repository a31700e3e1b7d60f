package im.session;

import im.protocol.Reply;
import java.util.Optional;

/** Answers the lines of one connection, called one line at a time per connection. */
public interface LineHandler {

    Reply handle(Session session, String line);

    /**
     * The same, if the line's command never blocks (a {@code SEND}, a {@code PING}), so that
     * the thread that read it can run it; empty, having done nothing, if it may block.
     */
    default Optional<Reply> handleIfNeverBlocks(Session session, String line) {
        return Optional.empty();
    }

    /** The answer to a line that was longer than the limit and was discarded. */
    Reply lineTooLong(Session session, int maxLineBytes);
}
