package im.command;

import im.presence.Presence;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import im.tokens.ResumeTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code SESSIONS}: this user's logged-in connections as {@code <device>@<address>}, oldest
 * first, then {@code TOKENS} and the live resumable tokens as {@code <device>/<expiry>}.
 */
@Component
class SessionsCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.loggedIn("SESSIONS", "SESSIONS", 0, 0)
            .saying("Lists your logged-in connections as device@address, then your tokens as device/expiry.");

    private final Presence presence;
    private final ResumeTokens tokens;

    SessionsCommand(Presence presence, ResumeTokens tokens) {
        this.presence = presence;
        this.tokens = tokens;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        List<String> sessions = presence.sessionsOf(session.user()).stream()
                .map(s -> s.device() + "@" + s.remoteAddress()).toList();
        List<String> live = tokens.of(session.user()).stream()
                .map(token -> token.device() + "/" + Instant.ofEpochMilli(token.expiresMillis()).truncatedTo(ChronoUnit.SECONDS))
                .toList();
        return Reply.ok("SESSIONS", sessions.size(), String.join(" ", sessions), "TOKENS", live.size(),
                String.join(" ", live)).trimmed();
    }
}
