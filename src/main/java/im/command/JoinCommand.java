package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.rooms.Rooms;
import im.session.Session;
import org.springframework.stereotype.Component;

/** {@code JOIN #room}: joins a room, creating it with its first member; membership is kept across logins. */
@Component
class JoinCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("JOIN", "JOIN #room", 1, 1)
            .saying("Puts you in a room, making it if it is new; you then get its messages.");

    private final Rooms rooms;

    JoinCommand(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        return Reply.ok("JOINED", rooms.join(session, request.argument(0)));
    }
}
