package im.command;

import im.presence.Presence;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code LIST_ONLINE [after <user>]}: the online users, each once, sorted ignoring case; a page
 * of at most {@link Page#NAMES}, after the one named.
 */
@Component
class ListOnlineCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("LIST_ONLINE", "LIST_ONLINE [after <user>]", 0, 2)
            .saying("Lists the users online, 100 at a time; after <user> gives the next page.");

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
        List<String> users = Page.of(presence.onlineUsers(), name -> name, Page.after(request, 0, SPEC.usage()), Page.NAMES);
        return Reply.ok("ONLINE", users.size(), String.join(" ", users)).trimmed();
    }
}
