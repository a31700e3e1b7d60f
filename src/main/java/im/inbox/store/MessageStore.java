package im.inbox.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where messages, inboxes and device cursors are kept, durably: the messages in files beside the
 * SQLite database by default, the cursors in it; everything in PostgreSQL when that is the
 * database. Writes come from the inbox writer's one thread, a batch at a time; reads from
 * command threads. Never called on socket threads, but for a cluster's {@link #catchUpIfNext},
 * which reads nothing.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * A message and the users (keys) in whose inbox it goes; {@code encoded}, if not null, is
     * its {@link BatchCodec#encodeMessage} form, made ahead on the sender's thread.
     */
    record Entry(StoredMessage message, List<String> inboxOf, byte[] encoded) {

        public Entry(StoredMessage message, List<String> inboxOf) {
            this(message, inboxOf, null);
        }

        /** The same entry {@code by} positions later (a cluster's store gave its batch later ones). */
        public Entry shiftedBy(long by) {
            StoredMessage m = message;
            return by == 0 ? this : new Entry(new StoredMessage(m.position() + by, m.conversation(), m.senderKey(),
                    m.senderDevice(), m.sentAtMillis(), m.tail()), inboxOf, encoded);
        }
    }

    /** What became indexed, in position order: messages of another node, or a batch of this node's. */
    sealed interface Indexed permits Arrived, Own {
    }

    /** Messages that another node stored, in position order, read back whole. */
    record Arrived(List<Entry> entries) implements Indexed {
    }

    /** This node's batch that starts at {@code first}, indexed once every batch before it is. */
    record Own(long first) implements Indexed {
    }

    /**
     * What {@link #write} stored: where its batch starts (the id it was given, unless a cluster's
     * store moved it later), and what became indexed with it, in position order. The batch
     * itself is among those ({@link Own}) unless batches of other nodes before it have not been
     * seen yet: then it waits for them ({@link #catchUp(Batch)}, or {@link #catchUp()} reads them).
     */
    record Written(long first, List<Indexed> indexed, Batch batch) {
    }

    /**
     * A batch as stored, whole: what a node sends the others so that they need not read it back
     * ({@link #catchUp(Batch)}). Its body may hold earlier positions than {@code first}'s.
     */
    record Batch(long first, long last, long sentAt, byte[] body) {
    }

    /** A device acknowledged its inbox up to a position. */
    record CursorMove(String userKey, String device, long position) {
    }

    /** A batch {@link #append} stored and nobody indexed yet; {@code batch} is it as the other nodes get it. */
    interface Appended {
        Batch batch();
    }

    /**
     * Stores one batch, all of it or nothing: messages (positions increasing, above every
     * earlier one) and cursor moves (each cursor goes forward only). {@code batchId} is the
     * first message's position, or a position of its own for a batch of cursor moves alone. A
     * cluster's store may move the batch to later positions, all by the same amount.
     */
    default Written write(long batchId, List<Entry> entries, List<CursorMove> moves) {
        return index(append(batchId, entries, moves));
    }

    /**
     * True when the next {@link #append} only writes a local file (no database, no network, no
     * sync to disk), so that an event loop may call it.
     */
    default boolean appendsQuickly() {
        return false;
    }

    /** {@link #write}'s storing, which may wait on a disk or a database: the index is not touched. */
    Appended append(long batchId, List<Entry> entries, List<CursorMove> moves);

    /**
     * {@link #write}'s indexing of a batch {@link #append} stored, in memory only. Indexing calls
     * (this, and the catch-ups) come one at a time, in the order the batches were appended.
     */
    Written index(Appended appended);

    /**
     * What other nodes stored since this node last looked, now indexed, in position order, with
     * this node's batches that waited for them (nothing on one node). Called by the writer's
     * thread only, as {@link #write} is.
     */
    default List<Indexed> catchUp() {
        return List.of();
    }

    /**
     * Catches up with a batch another node sent: indexed straight away when it is the next one
     * (and this node's batches that waited for it), ignored when it is indexed already, read
     * with what is missing otherwise ({@link #catchUp()}).
     */
    default List<Indexed> catchUp(Batch sent) {
        return catchUp();
    }

    /**
     * {@link #catchUp(Batch)} if that needs no read: the batch is the next one (or indexed
     * already); null otherwise, when only the store can say what is missing.
     */
    default List<Indexed> catchUpIfNext(Batch sent) {
        return null;
    }

    /** The highest position stored (a message's or a batch's), 0 for an empty store. */
    long highestPosition();

    /** The last position this device acknowledged, 0 if none. */
    long cursor(String userKey, String device);

    /** Whether the device has logged in before (it has a cursor, 0 if it acknowledged nothing). */
    boolean knowsDevice(String userKey, String device);

    /** The position every device of the user has acknowledged: 0 if one has acknowledged nothing, or none exists. */
    long acknowledgedByAll(String userKey);

    boolean inInbox(String userKey, long position);

    /**
     * The user's inbox after a position, oldest first, at most {@code limit}; without what this
     * device sent itself (it has those already).
     */
    List<StoredMessage> inboxAfter(String userKey, String device, long after, int limit);

    /** A conversation before a position, newest first, at most {@code limit}. */
    List<StoredMessage> historyBefore(String conversation, long before, int limit);

    /** Unread messages that an inbox over its cap lost: whose inbox, and how many from each sender's name. */
    interface Dropped {
        void unread(String userKey, Map<String, Integer> countBySender);
    }

    /**
     * Writes the cursors down where they outlive the batches that moved them, then removes what
     * nobody needs any more: messages sent before {@code sentBefore} (retention), inbox entries
     * every known device of their user acknowledged, and of each inbox over {@code maxPerUser}
     * the excess, taken from whoever has the most entries in it, oldest first (so that one
     * sender's flood pushes out its own messages, not others'); unread ones among those are
     * told to {@code dropped}. Returns the entries removed. Runs while other threads store and
     * index batches.
     */
    int prune(long sentBefore, int maxPerUser, Dropped dropped);

    /** The keys of every user with a message in their inbox or a device cursor. */
    Set<String> userKeys();

    /** What the store found damaged at startup and could not read (nothing of it is deleted). */
    default List<DamagedStretch> damage() {
        return List.of();
    }

    /** Lets go of what the store holds open (a connection); called once its writer has stopped. */
    @Override
    void close();
}
