package im.command;

import im.presence.Presence;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import org.springframework.stereotype.Component;

/** {@code LOGOUT}: ends the login; the connection stays open for another LOGIN. */
@Component
class LogoutCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("LOGOUT", "LOGOUT", 0, 0)
            .saying("Ends this connection's login; the connection stays open.");

    private final Presence presence;

    LogoutCommand(Presence presence) {
        this.presence = presence;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        presence.logout(session);
        return Reply.ok("LOGGED_OUT");
    }
}
