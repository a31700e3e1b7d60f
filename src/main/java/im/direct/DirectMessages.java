package im.direct;

import im.auth.Accounts;
import im.inbox.Inbox;
import im.presence.Presence;
import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.session.Session;
import im.session.SessionLocal;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Private messages, through the inbox: into the recipient's inbox and the sender's (for the
 * sender's other devices), live to every online session of both but the sending one.
 */
@Component
public class DirectMessages {

    /**
     * The address a session wrote to last, by the name as typed: most of a session's messages
     * go to the user it wrote to last, and these skip the account look-up, the keys and the
     * conversation's string, a large share of a message's work on the event loop
     * (docs/performance-log.md). Accounts are never removed or renamed, so a kept address stays
     * right; the sender's key is checked, since a connection may log in as someone else.
     */
    private static final SessionLocal<LastRecipient> LAST_RECIPIENT = new SessionLocal<>();

    private final Accounts accounts;
    private final Presence presence;
    private final Inbox inbox;

    public DirectMessages(Accounts accounts, Presence presence, Inbox inbox) {
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
        Inbox.DirectAddress address = addressOf(from, to);
        return inbox.post(Inbox.Draft.direct(from, address, text), message ->
                then.apply(new Sent(address.recipient(), message.id(), presence.isOnlineKey(address.recipientKey()))));
    }

    private Inbox.DirectAddress addressOf(Session from, String to) {
        String senderKey = from.userKey();
        LastRecipient last = LAST_RECIPIENT.get(from);
        if (last != null && last.typed().equals(to) && last.address().senderKey().equals(senderKey)) {
            return last.address();
        }
        String recipient = accounts.registeredName(to)
                .orElseThrow(() -> new RequestRejected(ErrorCode.NO_SUCH_USER, "no such user: " + to));
        Inbox.DirectAddress address = Inbox.DirectAddress.of(senderKey, recipient);
        LAST_RECIPIENT.set(from, new LastRecipient(to, address));
        return address;
    }

    private record LastRecipient(String typed, Inbox.DirectAddress address) {
    }

    /** What {@code OK SENT} (recipient online) or {@code OK STORED} (offline) reports. */
    public record Sent(String recipient, String id, boolean online) {
    }
}
