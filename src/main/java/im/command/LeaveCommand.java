package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.rooms.Rooms;
import im.session.Session;
import org.springframework.stereotype.Component;

/** {@code LEAVE #room}: leaves a room; the last member out ends it and its history. */
@Component
class LeaveCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("LEAVE", "LEAVE #room", 1, 1)
            .saying("Takes you out of a room; the last one out ends it.");

    private final Rooms rooms;

    LeaveCommand(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        return Reply.ok("LEFT", rooms.leave(session, request.argument(0)));
    }
}
