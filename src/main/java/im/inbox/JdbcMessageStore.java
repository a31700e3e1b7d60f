package im.inbox;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MessageStore} over JDBC (schema: db/migration, applied by Flyway at startup), in SQL
 * that SQLite and PostgreSQL both run. Each batch of the writer is one row, its messages and
 * acknowledgements in it: storing them costs one insert however many there are (rows per
 * message held H2, the first store, to about 9,000 messages a second here: docs/PERFORMANCE.md). Who gets what,
 * and every cursor, is an index in memory ({@link InboxIndex}) rebuilt at startup from the
 * cursor table (written at each prune) and the batches; message lines are read back from
 * their batch, the batches read last cached.
 */
public class JdbcMessageStore implements MessageStore {

    /** Messages kept decoded for replays and history, in whole batches, the most recently read. */
    private static final int CACHED_MESSAGES = 50_000;

    private static final String INSERT_BATCH =
            "insert into message_batch (first_position, last_position, sent_at, body) values (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final InboxIndex index = new InboxIndex();
    /** Batch start → its messages by position; the most recently used ones, guarded by itself. */
    private final Map<Long, Map<Long, StoredMessage>> cache = new LinkedHashMap<>(64, 0.75f, true);
    /** Messages in {@link #cache}; guarded by it. */
    private int cachedMessages;
    /**
     * The writer's connection and its insert, prepared once: preparing the insert for every
     * batch was 6 % of the writer's time in W1's profile. Touched by the writer thread only
     * (and by {@link #close} once it has stopped); autocommit, so each insert is its transaction.
     */
    private Connection writerConnection;
    private PreparedStatement insertBatch;

    public JdbcMessageStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.transactions = transactions;
        // The cursors as last written down, then every batch since, cursor moves included.
        RowCallbackHandler cursor = row -> index.moveCursor(row.getString(1), row.getString(2), row.getLong(3));
        jdbc.query("select user_key, device, position from device_cursor", cursor);
        RowCallbackHandler batch = row -> {
            BatchCodec.Batch stored = BatchCodec.decode(row.getBytes(2));
            index.addBatch(row.getLong(1), stored.entries(), stored.moves());
        };
        jdbc.query("select first_position, body from message_batch order by first_position", batch);
    }

    @Override
    public void write(long batchId, List<Entry> entries, List<CursorMove> moves) {
        long last = entries.isEmpty() ? batchId : entries.get(entries.size() - 1).message().position();
        long sentAt = entries.isEmpty() ? System.currentTimeMillis() : entries.get(entries.size() - 1).message().sentAtMillis();
        byte[] body = BatchCodec.encode(entries, moves);
        // The kept connection may be what fails (the database restarted since): then once more on a fresh one.
        for (boolean stored = false; !stored; ) {
            boolean freshConnection = insertBatch == null;
            try {
                insert(batchId, last, sentAt, body);
                stored = true;
            } catch (SQLException failed) {
                releaseWriterConnection();
                if (freshConnection) {
                    throw translate(failed);
                }
            }
        }
        // Not cached here: most messages are never read back, and a cache filled by every batch
        // kept tens of MB alive just long enough for each young collection to copy them.
        index.addBatch(batchId, entries, moves);
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

    @Override
    public int prune(long sentBefore, int maxPerUser) {
        List<CursorMove> cursors = index.takeUnwrittenCursors();
        try {
            transactions.executeWithoutResult(status -> cursors.forEach(this::writeCursor));
        } catch (RuntimeException failed) {
            // Written next time; until then no batch goes, so no acknowledgement is forgotten.
            index.unwritten(cursors);
            throw failed;
        }
        jdbc.update("delete from message_batch where sent_at < ?", sentBefore);
        Long firstKept = jdbc.queryForObject("select min(first_position) from message_batch", Long.class);
        long keepFrom = firstKept == null ? index.highest() + 1 : firstKept;
        synchronized (cache) {
            cache.entrySet().removeIf(batch -> {
                boolean gone = batch.getKey() < keepFrom;
                cachedMessages -= gone ? batch.getValue().size() : 0;
                return gone;
            });
        }
        return index.trim(keepFrom, maxPerUser);
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
            List<byte[]> body = jdbc.queryForList("select body from message_batch where first_position = ?",
                    byte[].class, batch);
            if (body.isEmpty()) {
                return null;
            }
            messages = cache(batch, BatchCodec.decode(body.get(0)).entries());
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

    private void insert(long batchId, long last, long sentAt, byte[] body) throws SQLException {
        if (insertBatch == null) {
            writerConnection = dataSource.getConnection();
            writerConnection.setAutoCommit(true);
            insertBatch = writerConnection.prepareStatement(INSERT_BATCH);
        }
        insertBatch.setLong(1, batchId);
        insertBatch.setLong(2, last);
        insertBatch.setLong(3, sentAt);
        insertBatch.setBytes(4, body);
        insertBatch.executeUpdate();
    }

    private RuntimeException translate(SQLException failed) {
        DataAccessException translated = jdbc.getExceptionTranslator().translate("storing a batch", INSERT_BATCH, failed);
        return translated != null ? translated : new UncategorizedSQLException("storing a batch", INSERT_BATCH, failed);
    }

    /** Gives the writer's connection back to the pool; the inbox writer has stopped by now. */
    @Override
    public void close() {
        releaseWriterConnection();
    }

    private void releaseWriterConnection() {
        JdbcUtils.closeStatement(insertBatch);
        if (writerConnection != null) {
            evictIfBroken(writerConnection);
        }
        JdbcUtils.closeConnection(writerConnection);
        insertBatch = null;
        writerConnection = null;
    }

    /**
     * A broken connection must not go back to the pool, or the retry would get it again (the
     * pool checks only connections idle for a while, and SQLite's errors name no SQL state).
     */
    private void evictIfBroken(Connection connection) {
        try {
            if (!connection.isValid(1) && dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        } catch (SQLException ignored) {
            // Closed below all the same.
        }
    }

    /** Moves a cursor's row forward to the position (never back). */
    private void writeCursor(CursorMove move) {
        int updated = jdbc.update("update device_cursor set position = ? where user_key = ? and device = ?"
                + " and position < ?", move.position(), move.userKey(), move.device(), move.position());
        if (updated == 0) {
            // Absent, or already at or past the position: insert only in the first case.
            jdbc.update("insert into device_cursor (user_key, device, position) select ?, ?, ?"
                    + " where not exists (select 1 from device_cursor where user_key = ? and device = ?)",
                    move.userKey(), move.device(), move.position(), move.userKey(), move.device());
        }
    }
}
