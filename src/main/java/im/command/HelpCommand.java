package im.command;

import im.protocol.ErrorCode;
import im.protocol.Reply;
import im.protocol.Request;
import im.protocol.RequestRejected;
import im.session.Session;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code HELP [command]}: the keywords of every command, from the router's registry; with a
 * command, {@code OK HELP <usage>: <what it does>}.
 */
@Component
class HelpCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.anyone("HELP", "HELP [command]", 0, 1)
            .saying("Lists the commands, or with a command its usage and what it does.");

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
        if (request.argumentCount() == 0) {
            return Reply.ok("HELP", String.join(" ", router.getObject().keywords()));
        }
        String keyword = request.argument(0).toUpperCase(Locale.ROOT);
        CommandSpec spec = router.getObject().spec(keyword);
        if (spec == null) {
            throw new RequestRejected(ErrorCode.UNKNOWN_COMMAND, "no command " + abbreviated(request.argument(0))
                    + "; HELP lists them");
        }
        return Reply.ok("HELP", spec.usage() + ": " + spec.summary());
    }

    private static String abbreviated(String word) {
        return word.length() > 32 ? word.substring(0, 32) + "..." : word;
    }
}
