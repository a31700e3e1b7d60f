package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import org.springframework.stereotype.Component;

/** {@code QUIT}: answers {@code OK BYE}, then the server closes the connection. */
@Component
class QuitCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.anyone("QUIT", "QUIT", 0, 0)
            .saying("Says OK BYE and closes the connection.");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        return Reply.ok("BYE").thenClose();
    }
}
