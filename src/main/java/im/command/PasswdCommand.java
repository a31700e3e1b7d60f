package im.command;

import im.auth.Accounts;
import im.presence.Presence;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import im.tokens.ResumeTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code PASSWD <old> <new>}: changes the logged-in user's password, durable before the reply.
 * The old password is checked like a login (same throttle), so a session left open is not
 * enough to take over the account; the user's other sessions end with a {@code BYE}, and every
 * resumable token of the user is revoked, so that nothing opened by someone who knew the old
 * password outlives it.
 */
@Component
class PasswdCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("PASSWD", "PASSWD <old-password> <new-password>", 2, 2)
            .saying("Changes your password; your other sessions and all your tokens end.");

    private final Accounts accounts;
    private final Presence presence;
    private final ResumeTokens tokens;
    private final OutcomeCounter changes;

    PasswdCommand(Accounts accounts, Presence presence, ResumeTokens tokens, MeterRegistry meters) {
        this.accounts = accounts;
        this.presence = presence;
        this.tokens = tokens;
        this.changes = new OutcomeCounter(meters, "im.password.changes");
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        changes.count(() -> {
            accounts.changePassword(session.user(), request.argument(0), request.argument(1), session.remoteAddress());
            return session.user();
        });
        tokens.revokeAll(session.user());
        presence.endOtherSessions(session, "password changed on another connection: log in again");
        return Reply.ok("PASSWORD_CHANGED");
    }
}
