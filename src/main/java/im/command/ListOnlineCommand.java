package im.command;

import im.presence.Presence;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code LIST_ONLINE}: the online users, each once, sorted ignoring case. */
@Component
class ListOnlineCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("LIST_ONLINE", "LIST_ONLINE", 0, 0);

    private final Presence presence;

    ListOnlineCommand(Presence presence) {
        this.presence = presence;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        List<String> users = presence.onlineUsers();
        return Reply.ok("ONLINE", users.size(), String.join(" ", users)).trimmed();
    }
}
