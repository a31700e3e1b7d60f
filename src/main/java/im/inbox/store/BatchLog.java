package im.inbox.store;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the inbox writer's batches are kept (each one a {@link BatchCodec} value under the
 * position of its first message), in position order: append-only files by default
 * ({@link FileBatchLog}), or a table of the database ({@link JdbcBatchLog}). Appends come from
 * the writer's one thread; reads from command threads.
 */
interface BatchLog extends AutoCloseable {

    /** A stored batch: its id (first position), its last position, when its newest message was sent, its value. */
    record StoredBatch(long first, long last, long sentAt, byte[] body) {
    }

    /**
     * Calls {@code each} with every stored batch, oldest first; once, at startup, before any
     * append. What a crash left half-written is dropped here, never handed on.
     */
    void replay(Consumer<StoredBatch> each);

    /**
     * Stores a batch whose id is above every earlier one's, all of it or nothing, before it
     * returns; throws if it cannot. Stored means a killed server still has it; a power cut may
     * take the last second or so (as SQLite's WAL with {@code synchronous=NORMAL}).
     */
    void append(StoredBatch batch);

    /**
     * A batch as stored, and the last position of the log before it: the batches of other
     * writers up to {@code follows} may not have been seen yet ({@link Long#MIN_VALUE}: the log
     * has no other writer).
     */
    record Appended(StoredBatch batch, long follows) {
    }

    /**
     * Stores the batch, and returns it as stored: here at its own positions; a log that several
     * nodes append to may move it to the next free ones instead, all by the
     * same amount, and makes positions visible in the order they were given. Its body keeps the
     * positions it was encoded with ({@link BatchCodec#decode(byte[], long)} moves them).
     */
    default Appended appendWhereFree(StoredBatch batch) {
        append(batch);
        return new Appended(batch, Long.MIN_VALUE);
    }

    /** Batches that other nodes appended after {@code position}, oldest first, at most {@code limit}. */
    default List<StoredBatch> after(long position, int limit) {
        return List.of();
    }

    /** What {@link #replay} found damaged (never deleted, but lost to the index). */
    default List<DamagedStretch> damage() {
        return List.of();
    }

    /** True when the next {@link #append} only writes to a file's pages in memory (no sync, no database). */
    default boolean appendsQuickly() {
        return false;
    }

    /** Makes what has been appended so far outlive a power cut too, before it returns. */
    void sync();

    /** A batch's value by its id; null if it is not (or no longer) stored. */
    byte[] read(long first);

    /**
     * Lets go of batches whose newest message was sent before {@code sentBefore} (some may stay
     * stored a while longer) and returns the id of the first batch kept, or -1 if none is.
     */
    long dropSentBefore(long sentBefore);

    @Override
    void close();
}
