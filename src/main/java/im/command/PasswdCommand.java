package im.command;

import im.auth.Accounts;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code PASSWD <old> <new>}: changes the logged-in user's password, durable before the reply.
 * The old password is checked like a login (same throttle), so a session left open is not
 * enough to take over the account.
 */
@Component
class PasswdCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("PASSWD", "PASSWD <old-password> <new-password>", 2, 2);

    private final Accounts accounts;
    private final OutcomeCounter changes;

    PasswdCommand(Accounts accounts, MeterRegistry meters) {
        this.accounts = accounts;
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
        return Reply.ok("PASSWORD_CHANGED");
    }
}
