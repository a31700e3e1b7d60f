package im.command;

import im.presence.Presence;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import im.tokens.ResumeTokens;
import org.springframework.stereotype.Component;

/**
 * {@code LOGOUT}: ends the login, and the resumable tokens of this device (a logged-out browser
 * must not come back by itself); the connection stays open for another LOGIN.
 */
@Component
class LogoutCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("LOGOUT", "LOGOUT", 0, 0)
            .saying("Ends this connection's login and this device's tokens; the connection stays open.");

    private final Presence presence;
    private final ResumeTokens tokens;

    LogoutCommand(Presence presence, ResumeTokens tokens) {
        this.presence = presence;
        this.tokens = tokens;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        tokens.revokeDevice(session.user(), session.device());
        presence.logout(session);
        return Reply.ok("LOGGED_OUT");
    }
}
