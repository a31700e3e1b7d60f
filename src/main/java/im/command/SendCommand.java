package im.command;

import im.delivery.Delivery;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import org.springframework.stereotype.Component;

/** {@code SEND <user> <text>}: a private message; the text is the rest of the line as sent. */
@Component
class SendCommand implements Command {

    private static final CommandSpec SPEC =
            CommandSpec.loggedIn("SEND", "SEND <user> <text>", 2, CommandSpec.REST_OF_LINE);

    private final Delivery delivery;

    SendCommand(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        Delivery.Sent sent = delivery.send(session, request.argument(0), request.textFrom(1));
        return Reply.ok("SENT", sent.recipient(), sent.id());
    }
}
