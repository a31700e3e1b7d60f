package im.command;

import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import im.tokens.ResumeTokens;
import org.springframework.stereotype.Component;

/**
 * {@code TOKEN}: a new resumable token for this user's device, for {@code RESUME} on a later
 * connection instead of the password (what the web client keeps across reloads).
 */
@Component
class TokenCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("TOKEN", "TOKEN", 0, 0)
            .saying("Gives a token that logs this device in again with RESUME, without the password.");

    private final ResumeTokens tokens;

    TokenCommand(ResumeTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        return Reply.ok("TOKEN", tokens.issue(session.user(), session.device()));
    }
}
