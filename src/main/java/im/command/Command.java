package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;

/**
 * One protocol command. Each handler is a bean; the router finds it by its keyword, checks
 * the argument count and login before calling it, and turns {@code RequestRejected} into ERR.
 */
public interface Command {

    CommandSpec spec();

    Reply execute(Request request, Session session);
}
