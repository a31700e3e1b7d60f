package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import org.springframework.stereotype.Component;

/** {@code PING [token]}: answers {@code OK PONG [token]}; works before login. */
@Component
class PingCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.anyone("PING", "PING [token]", 0, 1).neverBlocking()
            .saying("Answers OK PONG with the token: checks that the server is there.");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        return request.argumentCount() == 0 ? Reply.ok("PONG") : Reply.ok("PONG", request.argument(0));
    }
}
