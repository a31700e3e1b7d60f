package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.rooms.Rooms;
import im.session.Session;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code ROOMS}: every room with its member count, {@code #room:<members>}, sorted ignoring case. */
@Component
class RoomsCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("ROOMS", "ROOMS", 0, 0);

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
        List<String> all = rooms.list();
        return Reply.ok("ROOMS", all.size(), String.join(" ", all)).trimmed();
    }
}
