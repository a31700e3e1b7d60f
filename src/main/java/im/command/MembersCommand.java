package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.rooms.Rooms;
import im.session.Session;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code MEMBERS #room [after <user>]}: the room's members, online or not, sorted ignoring case;
 * a page of at most {@link Page#NAMES}, after the one named.
 */
@Component
class MembersCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("MEMBERS", "MEMBERS #room [after <user>]", 1, 3)
            .saying("Lists a room's members, online or not, 100 at a time.");

    private final Rooms rooms;

    MembersCommand(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        List<String> roomAndMembers = rooms.members(request.argument(0));
        List<String> members = Page.of(roomAndMembers.subList(1, roomAndMembers.size()), name -> name,
                Page.after(request, 1, SPEC.usage()), Page.NAMES);
        return Reply.ok("MEMBERS", roomAndMembers.get(0), members.size(), String.join(" ", members)).trimmed();
    }
}
