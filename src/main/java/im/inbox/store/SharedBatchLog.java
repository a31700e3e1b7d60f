package im.inbox.store;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The batches of every node of a cluster in PostgreSQL's {@code message_batch} table. A batch's
 * positions come from the {@code message_head} row, moved forward in the transaction that
 * inserts the batch: its row lock orders the commits of all nodes by position, so that whatever
 * a node reads after a position has no hole that a later commit could fill.
 */
final class SharedBatchLog implements BatchLog {

    private final JdbcTemplate jdbc;
    private final JdbcBatchLog table;

    SharedBatchLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.table = new JdbcBatchLog(jdbc);
    }

    @Override
    public void replay(Consumer<StoredBatch> each) {
        table.replay(each);
    }

    @Override
    public void append(StoredBatch batch) {
        appendWhereFree(batch);
    }

    /**
     * One statement, so one round trip and its own transaction: the head moves past the batch
     * (to its proposed positions if they are ahead: a node's first batch starts at its clock),
     * and the batch goes in at the head's new positions. The head row's lock lasts until the
     * commit, which orders the nodes' batches by position: every batch before this one is
     * committed by now, though this node may not have seen it yet.
     */
    @Override
    public Appended appendWhereFree(StoredBatch batch) {
        long span = batch.last() - batch.first() + 1;
        Long first = jdbc.queryForObject("""
                with head as (update message_head set last_position = greatest(last_position + ?, ?)
                              where id = 1 returning last_position)
                insert into message_batch (first_position, last_position, sent_at, body)
                select last_position - ? + 1, last_position, ?, ? from head returning first_position""",
                Long.class, span, batch.last(), span, batch.sentAt(), batch.body());
        return new Appended(new StoredBatch(first, first + span - 1, batch.sentAt(), batch.body()), first - 1);
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
