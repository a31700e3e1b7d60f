package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code HELP}: the keywords of every command, from the router's registry. */
@Component
class HelpCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.anyone("HELP", "HELP", 0, 0);

    /** Looked up late: the router is built from all commands, this one included. */
    private final ObjectProvider<CommandRouter> router;

    HelpCommand(ObjectProvider<CommandRouter> router) {
        this.router = router;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        return Reply.ok("HELP", String.join(" ", router.getObject().keywords()));
    }
}
