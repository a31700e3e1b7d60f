package im.session;

import im.protocol.Reply;

/** Answers the lines of one connection, called one line at a time per connection. */
public interface LineHandler {

    Reply handle(Session session, String line);

    /** The answer to a line that was longer than the limit and was discarded. */
    Reply lineTooLong(Session session, int maxLineBytes);
}
