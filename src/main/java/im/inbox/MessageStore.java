package im.inbox;

import java.util.List;

/**
 * Where messages, inboxes and device cursors are kept, durably: the embedded database by
 * default, PostgreSQL by a JDBC URL. Writes come from the inbox writer's one thread, in its
 * transactions; reads from command threads. Never called on socket threads.
 */
public interface MessageStore {

    /** A message and the users (keys) in whose inbox it goes. */
    record Entry(StoredMessage message, List<String> inboxOf) {
    }

    /** A device acknowledged its inbox up to a position. */
    record CursorMove(String userKey, String device, long position) {
    }

    /** Runs the writes in one transaction: all of them are stored, or none. */
    void inTransaction(Runnable writes);

    /** The highest position stored, 0 for an empty store. */
    long highestPosition();

    void append(List<Entry> entries);

    /** Moves each cursor forward to its position (never back). */
    void moveCursors(List<CursorMove> moves);

    /** The last position this device acknowledged, 0 if none. */
    long cursor(String userKey, String device);

    boolean inInbox(String userKey, long position);

    /**
     * The user's inbox after a position, oldest first, at most {@code limit}; without what this
     * device sent itself (it has those already).
     */
    List<StoredMessage> inboxAfter(String userKey, String device, long after, int limit);

    /** A conversation before a position, newest first, at most {@code limit}. */
    List<StoredMessage> historyBefore(String conversation, long before, int limit);

    /** Removes a conversation's messages (a room whose last member left). */
    void deleteConversation(String conversation);

    /**
     * Removes what nobody needs any more: messages sent before {@code sentBefore} (retention),
     * inbox entries every known device of their user acknowledged, and each user's oldest
     * entries beyond {@code maxPerUser}. Returns the rows removed.
     */
    int prune(long sentBefore, int maxPerUser);
}
