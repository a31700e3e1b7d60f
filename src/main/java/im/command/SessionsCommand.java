package im.command;

import im.presence.Presence;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code SESSIONS}: this user's logged-in connections as {@code <device>@<address>}, oldest first. */
@Component
class SessionsCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("SESSIONS", "SESSIONS", 0, 0)
            .saying("Lists your logged-in connections as device@address.");

    private final Presence presence;

    SessionsCommand(Presence presence) {
        this.presence = presence;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        List<String> sessions = presence.sessionsOf(session.user()).stream()
                .map(s -> s.device() + "@" + s.remoteAddress()).toList();
        return Reply.ok("SESSIONS", sessions.size(), String.join(" ", sessions)).trimmed();
    }
}
