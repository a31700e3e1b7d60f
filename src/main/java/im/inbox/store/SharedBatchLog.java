package im.inbox.store;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batches of every node of a cluster in PostgreSQL's {@code message_batch} table. A batch's
 * positions come from the {@code message_head} row, moved forward in the transaction that
 * inserts the batch: its row lock orders the commits of all nodes by position, so that whatever
 * a node reads after a position has no hole that a later commit could fill.
 */
final class SharedBatchLog implements BatchLog {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JdbcBatchLog table;

    SharedBatchLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.table = new JdbcBatchLog(jdbc);
    }

    @Override
    public void replay(Consumer<StoredBatch> each) {
        table.replay(each);
    }

    @Override
    public void append(StoredBatch batch) {
        appendAt(batch.first(), first -> batch);
    }

    @Override
    public StoredBatch appendAt(long proposedFirst, LongFunction<StoredBatch> build) {
        return transactions.execute(status -> {
            // The proposal counts only if it is ahead: a node's first batch starts at its clock.
            Long last = jdbc.queryForObject("select last_position from message_head where id = 1 for update",
                    Long.class);
            long first = Math.max(last + 1, proposedFirst);
            StoredBatch batch = build.apply(first);
            jdbc.update("update message_head set last_position = ? where id = 1", batch.last());
            jdbc.update("insert into message_batch (first_position, last_position, sent_at, body) values (?, ?, ?, ?)",
                    batch.first(), batch.last(), batch.sentAt(), batch.body());
            return batch;
        });
    }

    @Override
    public List<StoredBatch> after(long position, int limit) {
        return jdbc.query("select first_position, last_position, sent_at, body from message_batch"
                + " where first_position > ? order by first_position limit ?",
                (row, n) -> new StoredBatch(row.getLong(1), row.getLong(2), row.getLong(3), row.getBytes(4)),
                position, limit);
    }

    /** Each batch is its own transaction, as durable as the database makes its commits. */
    @Override
    public void sync() {
    }

    @Override
    public byte[] read(long first) {
        return table.read(first);
    }

    @Override
    public long dropSentBefore(long sentBefore) {
        return table.dropSentBefore(sentBefore);
    }

    @Override
    public void close() {
        table.close();
    }
}
