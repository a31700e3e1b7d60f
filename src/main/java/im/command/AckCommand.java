package im.command;

import im.inbox.Inbox;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import org.springframework.stereotype.Component;

/** {@code ACK <id>}: this device has everything up to that message; the next login replays only what came after. */
@Component
class AckCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("ACK", "ACK <message-id>", 1, 1).neverBlocking()
            .saying("Marks the message and every earlier one as seen on this device, so a later login does not replay them.");

    private final Inbox inbox;

    AckCommand(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        String id = request.argument(0);
        return Reply.later(inbox.acknowledge(session, id).thenApply(stored -> Reply.ok("ACKED", id)));
    }
}
