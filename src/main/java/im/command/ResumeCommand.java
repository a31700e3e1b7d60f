package im.command;

import im.auth.Account;
import im.auth.Accounts;
import im.inbox.Inbox;
import im.presence.Presence;
import im.protocol.ErrorCode;
import im.protocol.Reply;
import im.protocol.Request;
import im.protocol.RequestRejected;
import im.session.Session;
import im.tokens.ResumeTokens;
import im.tokens.ResumeTokens.Grant;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code RESUME <token>}: logs this connection in as the user and device a {@code TOKEN} was
 * given to, as {@code LOGIN} does (the same reply and replay), while the token lives.
 */
@Component
class ResumeCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.anyone("RESUME", "RESUME <token>", 1, 1)
            .saying("Logs in with a token from TOKEN, as the device it was given to, then replays as LOGIN does.");

    private final ResumeTokens tokens;
    private final Accounts accounts;
    private final Presence presence;
    private final Inbox inbox;
    private final OutcomeCounter resumes;

    ResumeCommand(ResumeTokens tokens, Accounts accounts, Presence presence, Inbox inbox, MeterRegistry meters) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.presence = presence;
        this.inbox = inbox;
        this.resumes = new OutcomeCounter(meters, "im.resumes");
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        String name = resumes.count(() -> resume(request.argument(0), session));
        return Reply.ok("LOGGED_IN", name).then(() -> inbox.replay(session));
    }

    private String resume(String token, Session session) {
        if (session.isLoggedIn()) {
            throw new RequestRejected(ErrorCode.ALREADY_LOGGED_IN, "this connection is logged in as " + session.user());
        }
        Grant grant = tokens.redeem(token).orElse(null);
        Account account = accounts.resume(grant == null ? null : grant.userName(), session.remoteAddress());
        session.liveDelivery().hold();
        presence.login(session, account.name(), grant.device());
        return account.name();
    }
}
