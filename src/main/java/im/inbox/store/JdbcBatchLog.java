package im.inbox.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * The batches as rows of the {@code message_batch} table (schema: db/migration), in SQL that
 * SQLite and PostgreSQL both run: where they live when the database is PostgreSQL, and what
 * {@link BatchLogMessageStore} moves into the files of a {@link FileBatchLog} when there is one.
 */
final class JdbcBatchLog implements BatchLog {

    private static final String INSERT_BATCH =
            "insert into message_batch (first_position, last_position, sent_at, body) values (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    /**
     * The writer's connection and its insert, prepared once rather than for every batch. Touched by the writer thread only
     * (and by {@link #close} once it has stopped); autocommit, so each insert is its transaction.
     */
    private Connection writerConnection;
    private PreparedStatement insertBatch;

    JdbcBatchLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
    }

    @Override
    public void replay(Consumer<StoredBatch> each) {
        jdbc.query("select first_position, last_position, sent_at, body from message_batch order by first_position",
                row -> {
                    each.accept(new StoredBatch(row.getLong(1), row.getLong(2), row.getLong(3), row.getBytes(4)));
                });
    }

    @Override
    public void append(StoredBatch batch) {
        // The kept connection may be what fails (the database restarted since): then once more on a fresh one.
        while (true) {
            boolean freshConnection = insertBatch == null;
            try {
                insert(batch);
                return;
            } catch (SQLException failed) {
                releaseWriterConnection();
                if (freshConnection) {
                    throw translate(failed);
                }
            }
        }
    }

    /** Each insert is its own transaction, as durable as the database makes its commits. */
    @Override
    public void sync() {
    }

    @Override
    public byte[] read(long first) {
        List<byte[]> body = jdbc.queryForList("select body from message_batch where first_position = ?", byte[].class,
                first);
        return body.isEmpty() ? null : body.get(0);
    }

    @Override
    public long dropSentBefore(long sentBefore) {
        jdbc.update("delete from message_batch where sent_at < ?", sentBefore);
        Long firstKept = jdbc.queryForObject("select min(first_position) from message_batch", Long.class);
        return firstKept == null ? -1 : firstKept;
    }

    /** Empties the table: its batches have been moved elsewhere. */
    void dropAll() {
        jdbc.update("delete from message_batch");
    }

    private void insert(StoredBatch batch) throws SQLException {
        if (insertBatch == null) {
            writerConnection = dataSource.getConnection();
            writerConnection.setAutoCommit(true);
            insertBatch = writerConnection.prepareStatement(INSERT_BATCH);
        }
        insertBatch.setLong(1, batch.first());
        insertBatch.setLong(2, batch.last());
        insertBatch.setLong(3, batch.sentAt());
        insertBatch.setBytes(4, batch.body());
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
}
