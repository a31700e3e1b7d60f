package im.command;

import im.direct.DirectMessages;
import im.protocol.Reply;
import im.protocol.Request;
import im.rooms.RoomNames;
import im.rooms.Rooms;
import im.session.Session;
import org.springframework.stereotype.Component;

/**
 * {@code SEND <user|#room> <text>}: a message, stored before the reply (which waits for that
 * while the connection's next commands run); the text is the rest of the line as sent. {@code OK STORED} instead of {@code OK SENT}: the user is offline and will
 * get it at the next login.
 */
@Component
class SendCommand implements Command {

    private static final CommandSpec SPEC =
            CommandSpec.loggedIn("SEND", "SEND <user|#room> <text>", 2, CommandSpec.REST_OF_LINE).neverBlocking()
            .saying("Sends a message to a user (stored if they are offline) or to a room you are in.");

    private final DirectMessages directMessages;
    private final Rooms rooms;

    SendCommand(DirectMessages directMessages, Rooms rooms) {
        this.directMessages = directMessages;
        this.rooms = rooms;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        String target = request.argument(0);
        String text = request.textFrom(1);
        if (RoomNames.isRoom(target)) {
            return Reply.later(rooms.send(session, target, text, sent -> Reply.ok("SENT", sent.room(), sent.id())));
        }
        return Reply.later(directMessages.send(session, target, text, sent ->
                Reply.ok(sent.online() ? "SENT" : "STORED", sent.recipient(), sent.id())));
    }
}
