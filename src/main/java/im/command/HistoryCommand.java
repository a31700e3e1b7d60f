package im.command;

import im.auth.Account;
import im.auth.Accounts;
import im.inbox.Inbox;
import im.inbox.store.Conversations;
import im.inbox.store.MessageIds;
import im.inbox.store.StoredMessage;
import im.protocol.ErrorCode;
import im.protocol.MessageText;
import im.protocol.Reply;
import im.protocol.Request;
import im.protocol.RequestRejected;
import im.rooms.RoomNames;
import im.rooms.Rooms;
import im.session.ConnectionProperties;
import im.session.Session;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code HISTORY <user|#room> [n] [before <id>]}: the last {@code n} messages of a conversation
 * (before a message, for the next page back) as MSG lines, oldest first, then
 * {@code OK HISTORY <count>}; fewer when they would fill more than a quarter of the outbound queue. Live messages wait meanwhile, so none lands among them.
 */
@Component
class HistoryCommand implements Command {

    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 500;
    private static final CommandSpec SPEC =
            CommandSpec.loggedIn("HISTORY", "HISTORY <user|#room> [count] [before <message-id>]", 1, 4)
            .saying("Sends a conversation's last messages (50 by default, at most 500), oldest first; before <message-id> pages back.");

    private final Accounts accounts;
    private final Rooms rooms;
    private final Inbox inbox;
    /** What one reply may queue (a quarter of the outbound limit, as the inbox replay). */
    private final long replyBudgetBytes;

    HistoryCommand(Accounts accounts, Rooms rooms, Inbox inbox, ConnectionProperties limits) {
        this.replyBudgetBytes = limits.maxOutboundBytes().toBytes() / 4;
        this.accounts = accounts;
        this.rooms = rooms;
        this.inbox = inbox;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        int count = DEFAULT_COUNT;
        int next = 1;
        if (next < request.argumentCount() && !request.argument(next).equalsIgnoreCase("before")) {
            count = count(request.argument(next++));
        }
        long before = Long.MAX_VALUE;
        if (next < request.argumentCount()) {
            if (next + 2 != request.argumentCount() || !request.argument(next).equalsIgnoreCase("before")) {
                throw syntax();
            }
            before = MessageIds.position(request.argument(next + 1));
            if (before < 0) {
                throw new RequestRejected(ErrorCode.SYNTAX, "before takes a message id");
            }
        }
        List<StoredMessage> messages = withinBudget(
                inbox.history(session, conversation(session, request.argument(0)), before, count));
        // Held from here until the reply is out, so that no live line lands among these.
        session.liveDelivery().hold();
        return Reply.ok("HISTORY", messages.size()).after(messages.stream().map(StoredMessage::line).toList())
                .then(() -> session.liveDelivery().release(0));
    }

    private String conversation(Session session, String target) {
        if (RoomNames.isRoom(target)) {
            return rooms.conversationOf(session.user(), target);
        }
        Account other = accounts.find(target)
                .orElseThrow(() -> new RequestRejected(ErrorCode.NO_SUCH_USER, "no such user: " + target));
        return Conversations.direct(session.user(), other.name());
    }

    /**
     * The newest of the messages that fit a quarter of the outbound queue, so that a client that
     * reads gets the whole reply however large the messages; it pages back from the oldest.
     */
    private List<StoredMessage> withinBudget(List<StoredMessage> oldestFirst) {
        long bytes = 0;
        int from = oldestFirst.size();
        while (from > 0) {
            bytes += MessageText.utf8Length(oldestFirst.get(from - 1).line()) + 1;
            if (bytes > replyBudgetBytes) {
                break;
            }
            from--;
        }
        return oldestFirst.subList(from, oldestFirst.size());
    }

    private static int count(String word) {
        try {
            int count = Integer.parseInt(word);
            if (count >= 1 && count <= MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // the same answer as out of range
        }
        throw new RequestRejected(ErrorCode.SYNTAX, "count is a number from 1 to " + MAX_COUNT);
    }

    private static RequestRejected syntax() {
        return new RequestRejected(ErrorCode.SYNTAX, "usage: " + SPEC.usage());
    }
}
