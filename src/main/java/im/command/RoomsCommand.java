package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.rooms.Rooms;
import im.session.Session;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code ROOMS [after <#room>]}: every room with its member count, {@code #room:<members>}, sorted
 * ignoring case; a page of at most {@link Page#ROOMS}, after the one named.
 */
@Component
class RoomsCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("ROOMS", "ROOMS [after <#room>]", 0, 2)
            .saying("Lists every room with its member count, 64 at a time.");

    private final Rooms rooms;

    RoomsCommand(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        List<String> all = Page.of(rooms.list(), entry -> entry.substring(0, entry.lastIndexOf(':')),
                Page.after(request, 0, SPEC.usage()), Page.ROOMS);
        return Reply.ok("ROOMS", all.size(), String.join(" ", all)).trimmed();
    }
}
