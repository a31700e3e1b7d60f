package im.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MessageStore} over JDBC, in SQL that H2 and PostgreSQL both run (schema: db/migration,
 * applied by Flyway at startup).
 */
public class JdbcMessageStore implements MessageStore {

    private static final String COLUMNS = "m.position, m.conversation, m.sender_key, m.sender_device, m.sent_at, m.line";
    private static final RowMapper<StoredMessage> MESSAGE = JdbcMessageStore::message;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcMessageStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void inTransaction(Runnable writes) {
        transactions.executeWithoutResult(status -> writes.run());
    }

    @Override
    public long highestPosition() {
        Long highest = jdbc.queryForObject("select max(position) from message", Long.class);
        return highest == null ? 0 : highest;
    }

    @Override
    public void append(List<Entry> entries) {
        List<Object[]> messages = new ArrayList<>(entries.size());
        List<Object[]> inboxRows = new ArrayList<>(entries.size() * 2);
        for (Entry entry : entries) {
            StoredMessage m = entry.message();
            messages.add(new Object[] {m.position(), m.conversation(), m.senderKey(), m.senderDevice(),
                    m.sentAtMillis(), m.line()});
            for (String userKey : entry.inboxOf()) {
                inboxRows.add(new Object[] {userKey, m.position()});
            }
        }
        jdbc.batchUpdate("insert into message (position, conversation, sender_key, sender_device, sent_at, line)"
                + " values (?, ?, ?, ?, ?, ?)", messages);
        jdbc.batchUpdate("insert into inbox (user_key, position) values (?, ?)", inboxRows);
    }

    @Override
    public void moveCursors(List<CursorMove> moves) {
        for (CursorMove move : moves) {
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

    @Override
    public long cursor(String userKey, String device) {
        List<Long> found = jdbc.queryForList("select position from device_cursor where user_key = ? and device = ?",
                Long.class, userKey, device);
        return found.isEmpty() ? 0 : found.get(0);
    }

    @Override
    public boolean inInbox(String userKey, long position) {
        return !jdbc.queryForList("select 1 from inbox where user_key = ? and position = ?", Integer.class,
                userKey, position).isEmpty();
    }

    @Override
    public List<StoredMessage> inboxAfter(String userKey, String device, long after, int limit) {
        return jdbc.query("select " + COLUMNS + " from inbox i join message m on m.position = i.position"
                + " where i.user_key = ? and i.position > ? and not (m.sender_key = ? and m.sender_device = ?)"
                + " order by i.position fetch first ? rows only", MESSAGE, userKey, after, userKey, device, limit);
    }

    @Override
    public List<StoredMessage> historyBefore(String conversation, long before, int limit) {
        return jdbc.query("select " + COLUMNS + " from message m where m.conversation = ? and m.position < ?"
                + " order by m.position desc fetch first ? rows only", MESSAGE, conversation, before, limit);
    }

    @Override
    public void deleteConversation(String conversation) {
        inTransaction(() -> {
            jdbc.update("delete from inbox where position in (select position from message where conversation = ?)",
                    conversation);
            jdbc.update("delete from message where conversation = ?", conversation);
        });
    }

    @Override
    public int prune(long sentBefore, int maxPerUser) {
        int removed = jdbc.update("delete from inbox where position in"
                + " (select position from message where sent_at < ?)", sentBefore);
        removed += jdbc.update("delete from message where sent_at < ?", sentBefore);
        removed += jdbc.update("delete from inbox where position <= (select min(c.position) from device_cursor c"
                + " where c.user_key = inbox.user_key)");
        List<String> overfull = jdbc.queryForList("select user_key from inbox group by user_key having count(*) > ?",
                String.class, maxPerUser);
        for (String userKey : overfull) {
            Long oldestKept = jdbc.queryForObject("select position from inbox where user_key = ?"
                    + " order by position desc offset ? rows fetch next 1 rows only", Long.class, userKey, maxPerUser - 1);
            removed += jdbc.update("delete from inbox where user_key = ? and position < ?", userKey, oldestKept);
        }
        return removed;
    }

    private static StoredMessage message(ResultSet row, int n) throws SQLException {
        return new StoredMessage(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getString(6));
    }
}
