package im.inbox.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MessageStore} over a {@link BatchLog} and the database's cursor table (schema:
 * db/migration, applied by Flyway at startup), in SQL that SQLite and PostgreSQL both run. Each
 * batch of the writer is one record of the log, its messages and acknowledgements in it:
 * storing them costs one append however many there are (rows per message held H2, the first
 * store, to about 9,000 messages a second here: docs/PERFORMANCE.md). Who gets what, and every
 * cursor, is an index in memory ({@link InboxIndex}) rebuilt at startup from the cursor table
 * (written at each prune) and the batches; message lines are read back from their batch, the
 * batches read last cached. Batches that an earlier version left in the database's table move
 * into the log's files at startup, when the log is files.
 */
public class BatchLogMessageStore implements MessageStore {

    private static final Logger log = LoggerFactory.getLogger(BatchLogMessageStore.class);

    /** Batches of other nodes read at a time. */
    private static final int CATCH_UP_PAGE = 256;
    /** Messages kept decoded for replays and history, in whole batches, the most recently read. */
    private static final int CACHED_MESSAGES = 50_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BatchLog batches;
    private final InboxIndex index = new InboxIndex();
    /** Batch start → its messages by position; the most recently used ones, guarded by itself. */
    private final Map<Long, Map<Long, StoredMessage>> cache = new LinkedHashMap<>(64, 0.75f, true);
    /** Messages in {@link #cache}; guarded by it. */
    private int cachedMessages;
    /** The last position of the batches indexed so far; indexing calls only, one at a time (see {@link #index}). */
    private long indexedThrough;
    /**
     * This node's batches stored after batches of other nodes it has not seen yet, by first
     * position: indexed once those are. Indexing calls only.
     */
    private final TreeMap<Long, Waiting> waiting = new TreeMap<>();

    private record Waiting(long last, List<Entry> entries, List<CursorMove> moves) {
    }

    /** A batch appended and not indexed yet: {@code follows}, the last position before it when it was stored. */
    private record Pending(BatchLog.StoredBatch stored, long follows, List<Entry> placed, List<CursorMove> moves,
            Batch batch) implements Appended {
    }

    /** A store with its batches in the database's table. */
    public BatchLogMessageStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this(jdbc, transactions, new JdbcBatchLog(jdbc));
    }

    /**
     * A store whose batches every node of a cluster shares in PostgreSQL's table: each node indexes
     * the others' batches as it {@link #catchUp catches up} with them.
     */
    public static BatchLogMessageStore shared(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new BatchLogMessageStore(jdbc, transactions, new SharedBatchLog(jdbc));
    }

    /**
     * A store with its batches in files of a folder ({@link FileBatchLog}), its cursors in the
     * database; what the database's table still holds moves into the files first.
     */
    public static BatchLogMessageStore withBatchFiles(JdbcTemplate jdbc, TransactionTemplate transactions, Path folder,
            long segmentBytes, Duration syncEvery) {
        FileBatchLog files = new FileBatchLog(folder, segmentBytes, syncEvery);
        BatchLogMessageStore store = new BatchLogMessageStore(jdbc, transactions, files);
        store.moveIntoLog(new JdbcBatchLog(jdbc));
        return store;
    }

    BatchLogMessageStore(JdbcTemplate jdbc, TransactionTemplate transactions, BatchLog batches) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.batches = batches;
        // The cursors as last written down, then every batch since, cursor moves included.
        RowCallbackHandler cursor = row -> index.moveCursor(row.getString(1), row.getString(2), row.getLong(3));
        jdbc.query("select user_key, device, position from device_cursor", cursor);
        batches.replay(this::index);
    }

    private void index(BatchLog.StoredBatch stored) {
        BatchCodec.Batch batch = BatchCodec.decode(stored.body(), stored.first());
        index.addBatch(stored.first(), batch.entries(), batch.moves());
        indexedThrough = Math.max(indexedThrough, stored.last());
    }

    /**
     * Appends what the table holds to the log (files), syncs it, then empties the table. A crash in
     * between leaves the table as it was, and the next start appends only what the log does not
     * have yet.
     */
    private void moveIntoLog(JdbcBatchLog table) {
        AtomicInteger moved = new AtomicInteger();
        table.replay(stored -> {
            if (stored.first() > index.highest()) {
                batches.append(stored);
                index(stored);
                moved.incrementAndGet();
            }
        });
        if (moved.get() > 0) {
            batches.sync();
            log.info("Moved {} stored batches from the database into the inbox's files", moved.get());
        }
        table.dropAll();
    }

    @Override
    public boolean appendsQuickly() {
        return batches.appendsQuickly();
    }

    @Override
    public Appended append(long batchId, List<Entry> entries, List<CursorMove> moves) {
        long sentAt = entries.isEmpty() ? System.currentTimeMillis() : entries.get(entries.size() - 1).message().sentAtMillis();
        long last = entries.isEmpty() ? batchId : entries.get(entries.size() - 1).message().position();
        BatchLog.Appended appended = batches.appendWhereFree(
                new BatchLog.StoredBatch(batchId, last, sentAt, BatchCodec.encode(entries, moves)));
        BatchLog.StoredBatch batch = appended.batch();
        long shift = batch.first() - batchId;
        List<Entry> placed = shift == 0 ? entries : entries.stream().map(entry -> entry.shiftedBy(shift)).toList();
        return new Pending(batch, appended.follows(), placed, moves,
                new Batch(batch.first(), batch.last(), batch.sentAt(), batch.body()));
    }

    @Override
    public Written index(Appended appended) {
        Pending pending = (Pending) appended;
        BatchLog.StoredBatch batch = pending.stored();
        if (pending.follows() > indexedThrough || !waiting.isEmpty()) {
            // Another node's batch before it is stored but not seen yet: its notice is on the way.
            waiting.put(batch.first(), new Waiting(batch.last(), pending.placed(), pending.moves()));
            return new Written(batch.first(), List.of(), pending.batch());
        }
        // Not cached here: most messages are never read back, and a cache filled by every batch
        // kept tens of MB alive just long enough for each young collection to copy them.
        index.addBatch(batch.first(), pending.placed(), pending.moves());
        indexedThrough = batch.last();
        return new Written(batch.first(), List.of(new Own(batch.first())), pending.batch());
    }

    @Override
    public List<Indexed> catchUpIfNext(Batch sent) {
        return sent.last() <= indexedThrough || sent.first() == indexedThrough + 1 ? catchUp(sent) : null;
    }

    @Override
    public List<Indexed> catchUp(Batch sent) {
        if (sent.last() <= indexedThrough) {
            return List.of();
        }
        if (sent.first() != indexedThrough + 1) {
            return catchUp();
        }
        BatchCodec.Batch batch = BatchCodec.decode(sent.body(), sent.first());
        index.addBatch(sent.first(), batch.entries(), batch.moves());
        indexedThrough = sent.last();
        List<Indexed> indexed = new ArrayList<>(2);
        if (!batch.entries().isEmpty()) {
            indexed.add(new Arrived(batch.entries()));
        }
        // This node's batches that waited for it, up to the next one not seen yet.
        for (var next = waiting.firstEntry(); next != null && next.getKey() == indexedThrough + 1;
                next = waiting.firstEntry()) {
            indexed.add(indexWaiting(next.getKey()));
        }
        return indexed;
    }

    @Override
    public List<Indexed> catchUp() {
        List<Indexed> indexed = new ArrayList<>();
        while (true) {
            List<BatchLog.StoredBatch> page = batches.after(indexedThrough, CATCH_UP_PAGE);
            for (BatchLog.StoredBatch stored : page) {
                if (waiting.containsKey(stored.first())) {
                    indexed.add(indexWaiting(stored.first()));
                    continue;
                }
                BatchCodec.Batch batch = BatchCodec.decode(stored.body(), stored.first());
                index.addBatch(stored.first(), batch.entries(), batch.moves());
                indexedThrough = stored.last();
                if (!batch.entries().isEmpty()) {
                    indexed.add(new Arrived(batch.entries()));
                }
            }
            if (page.size() < CATCH_UP_PAGE) {
                return indexed;
            }
        }
    }

    private Own indexWaiting(long first) {
        Waiting batch = waiting.remove(first);
        index.addBatch(first, batch.entries(), batch.moves());
        indexedThrough = batch.last();
        return new Own(first);
    }

    @Override
    public long highestPosition() {
        return index.highest();
    }

    @Override
    public long cursor(String userKey, String device) {
        return index.cursor(userKey, device);
    }

    @Override
    public boolean knowsDevice(String userKey, String device) {
        return index.knowsDevice(userKey, device);
    }

    @Override
    public long acknowledgedByAll(String userKey) {
        return index.acknowledgedByAll(userKey);
    }

    @Override
    public boolean inInbox(String userKey, long position) {
        return index.inInbox(userKey, position);
    }

    @Override
    public List<StoredMessage> inboxAfter(String userKey, String device, long after, int limit) {
        List<StoredMessage> found = new ArrayList<>(Math.min(limit, 64));
        long from = after;
        while (found.size() < limit) {
            int wanted = limit - found.size();
            long[] positions = index.inboxAfter(userKey, from, wanted);
            for (long position : positions) {
                StoredMessage message = message(position);
                boolean ownDevice = message != null && message.senderKey().equals(userKey)
                        && message.senderDevice().equals(device);
                if (message != null && !ownDevice) {
                    found.add(message);
                }
            }
            if (positions.length < wanted) {
                break;
            }
            from = positions[positions.length - 1];
        }
        return found;
    }

    @Override
    public List<StoredMessage> historyBefore(String conversation, long before, int limit) {
        List<StoredMessage> found = new ArrayList<>();
        for (long position : index.conversationBefore(conversation, before, limit)) {
            StoredMessage message = message(position);
            if (message != null) {
                found.add(message);
            }
        }
        return found;
    }

    /**
     * Safe while batches are stored and indexed on other threads: a batch stored meanwhile is
     * newer than {@code sentBefore}, so it stays; and when no batch is left, the index keeps what
     * lies above the highest position it held before the drop, which such a batch does.
     */
    @Override
    public int prune(long sentBefore, int maxPerUser, Dropped dropped) {
        List<CursorMove> cursors = index.takeUnwrittenCursors();
        try {
            transactions.executeWithoutResult(status -> writeCursors(cursors));
        } catch (RuntimeException failed) {
            // Written next time; until then no batch goes, so no acknowledgement is forgotten.
            index.unwritten(cursors);
            throw failed;
        }
        long highestBefore = index.highest();
        long firstKept = batches.dropSentBefore(sentBefore);
        long keepFrom = firstKept < 0 ? highestBefore + 1 : firstKept;
        synchronized (cache) {
            cache.entrySet().removeIf(batch -> {
                boolean gone = batch.getKey() < keepFrom;
                cachedMessages -= gone ? batch.getValue().size() : 0;
                return gone;
            });
        }
        int removed = index.trim(keepFrom, Integer.MAX_VALUE);
        for (String user : index.inboxesOver(maxPerUser)) {
            removed += trimFairly(user, maxPerUser, dropped);
        }
        return removed;
    }

    /**
     * Brings an inbox down to {@code max} entries by taking, one at a time, the oldest entry of
     * the sender who has the most: a flood goes before a friend's one message does.
     */
    private int trimFairly(String user, int max, Dropped dropped) {
        long[] positions = index.inbox(user);
        // Sender's name (null: a batch no longer readable) → its entries, oldest first.
        Map<String, ArrayDeque<Long>> bySender = new HashMap<>();
        for (long position : positions) {
            StoredMessage message = message(position);
            bySender.computeIfAbsent(message == null ? null : senderName(message), k -> new ArrayDeque<>()).add(position);
        }
        PriorityQueue<Map.Entry<String, ArrayDeque<Long>>> largest = new PriorityQueue<>(
                Comparator.comparingInt((Map.Entry<String, ArrayDeque<Long>> sender) -> sender.getValue().size()).reversed());
        largest.addAll(bySender.entrySet());
        Set<Long> gone = new HashSet<>();
        Map<String, Integer> unread = new TreeMap<>();
        long readByAll = index.acknowledgedByAll(user);
        for (int excess = positions.length - max; excess > 0; excess--) {
            Map.Entry<String, ArrayDeque<Long>> sender = largest.poll();
            long oldest = sender.getValue().pollFirst();
            gone.add(oldest);
            if (oldest > readByAll && sender.getKey() != null) {
                unread.merge(sender.getKey(), 1, Integer::sum);
            }
            if (!sender.getValue().isEmpty()) {
                largest.add(sender);
            }
        }
        index.removeFromInbox(user, gone);
        if (!unread.isEmpty()) {
            dropped.unread(user, unread);
        }
        return gone.size();
    }

    /** The sender's name as registered, from the message's line ({@code MSG <id> <time> <from> ...}). */
    private static String senderName(StoredMessage message) {
        String[] words = message.line().split(" ", 5);
        return words.length > 3 ? words[3] : message.senderKey();
    }

    /** A stored message by position, from the cached batches or its batch's row; null if gone. */
    private StoredMessage message(long position) {
        long batch = index.batchOf(position);
        if (batch < 0) {
            return null;
        }
        Map<Long, StoredMessage> messages;
        synchronized (cache) {
            messages = cache.get(batch);
        }
        if (messages == null) {
            byte[] body = batches.read(batch);
            if (body == null) {
                return null;
            }
            messages = cache(batch, BatchCodec.decode(body, batch).entries());
        }
        return messages.get(position);
    }

    private Map<Long, StoredMessage> cache(long batchId, List<Entry> batch) {
        Map<Long, StoredMessage> messages = new HashMap<>(batch.size() * 2);
        batch.forEach(entry -> messages.put(entry.message().position(), entry.message()));
        synchronized (cache) {
            Map<Long, StoredMessage> replaced = cache.put(batchId, messages);
            cachedMessages += messages.size() - (replaced == null ? 0 : replaced.size());
            for (var eldest = cache.entrySet().iterator(); cachedMessages > CACHED_MESSAGES && cache.size() > 1; ) {
                cachedMessages -= eldest.next().getValue().size();
                eldest.remove();
            }
        }
        return messages;
    }

    /** Lets go of the log (the inbox writer has stopped by now). */
    @Override
    public Set<String> userKeys() {
        return index.userKeys();
    }

    @Override
    public List<DamagedStretch> damage() {
        return batches.damage();
    }

    @Override
    public void close() {
        batches.close();
    }

    /**
     * One batch of statements, so one round trip to PostgreSQL rather than one or two per device
     * (a minute of acknowledgements moves a cursor for every active device). A cursor only moves
     * forward.
     */
    private void writeCursors(List<CursorMove> moves) {
        if (moves.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into device_cursor (user_key, device, position) values (?, ?, ?)"
                + " on conflict (user_key, device) do update set position = excluded.position"
                + " where device_cursor.position < excluded.position",
                moves.stream().map(move -> new Object[] {move.userKey(), move.device(), move.position()}).toList());
    }
}
