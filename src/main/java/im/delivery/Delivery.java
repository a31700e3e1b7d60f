package im.delivery;

import im.auth.Account;
import im.auth.Accounts;
import im.protocol.ErrorCode;
import im.protocol.Events;
import im.protocol.RequestRejected;
import im.presence.Presence;
import im.session.Session;
import im.system.LimitsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Private messages: one {@code MSG} line to every session of the recipient and to the
 * sender's other sessions, so that every device shows the conversation.
 */
@Component
public class Delivery {

    private final Accounts accounts;
    private final Presence presence;
    private final MessageIds ids;
    private final Clock clock;
    private final int maxMessageChars;
    private final Counter sent;
    private final Counter delivered;

    public Delivery(Accounts accounts, Presence presence, MessageIds ids, LimitsProperties limits,
            MeterRegistry meters) {
        this.accounts = accounts;
        this.presence = presence;
        this.ids = ids;
        this.clock = Clock.systemUTC();
        this.maxMessageChars = limits.maxMessageChars();
        this.sent = Counter.builder("im.messages.sent").description("Messages accepted (OK SENT)").register(meters);
        this.delivered = Counter.builder("im.messages.delivered")
                .description("MSG lines queued to sessions").register(meters);
    }

    /** Sends {@code text} from the session's user to {@code to}; returns the recipient's name and the id. */
    public Sent send(Session from, String to, String text) {
        if (text.codePointCount(0, text.length()) > maxMessageChars) {
            throw new RequestRejected(ErrorCode.MESSAGE_TOO_LONG,
                    "a message is at most " + maxMessageChars + " characters");
        }
        Account recipient = accounts.find(to)
                .orElseThrow(() -> new RequestRejected(ErrorCode.NO_SUCH_USER, "no such user: " + to));
        List<Session> recipientSessions = presence.sessionsOf(recipient.name());
        if (recipientSessions.isEmpty()) {
            throw new RequestRejected(ErrorCode.USER_OFFLINE, recipient.name() + " is not online");
        }
        String id = ids.next();
        String line = Events.message(id, clock.instant(), from.user(), recipient.name(), text);
        int copies = deliver(line, recipientSessions, null);
        if (!recipient.name().equals(from.user())) {
            copies += deliver(line, presence.sessionsOf(from.user()), from);
        }
        sent.increment();
        delivered.increment(copies);
        return new Sent(recipient.name(), id);
    }

    private static int deliver(String line, List<Session> sessions, Session except) {
        int copies = 0;
        for (Session session : sessions) {
            if (session != except) {
                session.send(line);
                copies++;
            }
        }
        return copies;
    }

    /** What {@code OK SENT} reports. */
    public record Sent(String recipient, String id) {
    }
}
