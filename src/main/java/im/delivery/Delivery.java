package im.delivery;

import im.auth.Account;
import im.auth.Accounts;
import im.inbox.Inbox;
import im.presence.Presence;
import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.session.Session;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Private messages, through the inbox: into the recipient's inbox and the sender's (for the
 * sender's other devices), live to every online session of both but the sending one.
 */
@Component
public class Delivery {

    private final Accounts accounts;
    private final Presence presence;
    private final Inbox inbox;

    public Delivery(Accounts accounts, Presence presence, Inbox inbox) {
        this.accounts = accounts;
        this.presence = presence;
        this.inbox = inbox;
    }

    /** Sends {@code text} from the session's user to {@code to}; completes once it is stored. */
    public CompletableFuture<Sent> send(Session from, String to, String text) {
        return send(from, to, text, Function.identity());
    }

    /** The same, completing with {@code then} of what was sent (made as it is stored, no stage of its own). */
    public <T> CompletableFuture<T> send(Session from, String to, String text, Function<Sent, T> then) {
        Account recipient = accounts.find(to)
                .orElseThrow(() -> new RequestRejected(ErrorCode.NO_SUCH_USER, "no such user: " + to));
        Inbox.Draft draft = Inbox.Draft.direct(from, recipient.name(), text);
        // A private message's first inbox is the recipient's (the only one of a message to oneself).
        String recipientKey = draft.inboxKeys().get(0);
        return inbox.post(draft, message ->
                then.apply(new Sent(recipient.name(), message.id(), presence.isOnlineKey(recipientKey))));
    }

    /** What {@code OK SENT} (recipient online) or {@code OK STORED} (offline) reports. */
    public record Sent(String recipient, String id, boolean online) {
    }
}
