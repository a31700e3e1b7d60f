package im.command;

import im.auth.Account;
import im.auth.Accounts;
import im.auth.UserNames;
import im.inbox.Inbox;
import im.presence.Presence;
import im.protocol.ErrorCode;
import im.protocol.Reply;
import im.protocol.Request;
import im.protocol.RequestRejected;
import im.session.Session;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code LOGIN <user> <password> [device]}: logs this connection in (the name in any case) as one
 * of the user's devices; after the reply, the messages that device has not acknowledged.
 */
@Component
class LoginCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.anyone("LOGIN", "LOGIN <user> <password> [device]", 2, 3)
            .saying("Logs this connection in as one of the user's devices (default: default), then replays what that device has not acknowledged.");

    private final Accounts accounts;
    private final Presence presence;
    private final Inbox inbox;
    private final OutcomeCounter logins;

    LoginCommand(Accounts accounts, Presence presence, Inbox inbox, MeterRegistry meters) {
        this.accounts = accounts;
        this.presence = presence;
        this.inbox = inbox;
        this.logins = new OutcomeCounter(meters, "im.logins");
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        String name = logins.count(() -> login(request, session));
        return Reply.ok("LOGGED_IN", name).then(() -> inbox.replay(session));
    }

    private String login(Request request, Session session) {
        if (session.isLoggedIn()) {
            throw new RequestRejected(ErrorCode.ALREADY_LOGGED_IN, "this connection is logged in as " + session.user());
        }
        String device = request.argumentOr(2, Session.DEFAULT_DEVICE);
        if (!UserNames.isValid(device)) {
            throw new RequestRejected(ErrorCode.SYNTAX, "device names are 1 to 32 characters of A-Z a-z 0-9 _ . -");
        }
        Account account = accounts.authenticate(request.argument(0), request.argument(1),
                session.remoteAddress());
        // Live messages wait from the moment the session is online until the replay is out.
        session.liveDelivery().hold();
        presence.login(session, account.name(), device);
        return account.name();
    }
}
