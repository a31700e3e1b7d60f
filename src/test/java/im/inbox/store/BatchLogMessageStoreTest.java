package im.inbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.testing.StoreDatabases;
import im.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The message store, with its batches in files or in the database (SQLite, PostgreSQL). */
class BatchLogMessageStoreTest {

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase database;
    private MessageStore store;

    private void open(String kind) {
        database = StoreDatabases.open(kind, dir);
        store = database.messageStore();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"files", "sqlite", "postgres"})
    void anInboxReplaysAfterTheCursorWithoutWhatTheDeviceSentItself(String kind) {
        open(kind);
        assertThat(store.highestPosition()).isZero();
        append(store, List.of(
                entry(10, "alice bob", "alice", "phone", 1000, "alice", "bob"),
                entry(11, "alice bob", "bob", "default", 1001, "alice", "bob"),
                entry(12, "#chat", "carol", "default", 1002, "alice", "carol")));
        assertThat(store.highestPosition()).isEqualTo(12);
        assertThat(positions(store.inboxAfter("alice", "phone", 0, 10))).containsExactly(11L, 12L);
        assertThat(positions(store.inboxAfter("alice", "laptop", 0, 10))).containsExactly(10L, 11L, 12L);
        assertThat(positions(store.inboxAfter("alice", "laptop", 10, 1))).containsExactly(11L);
        assertThat(positions(store.inboxAfter("bob", "default", 0, 10))).containsExactly(10L);
        assertThat(store.inboxAfter("alice", "laptop", 0, 1).get(0).line()).isEqualTo("MSG a 10");
        assertThat(store.inInbox("carol", 12)).isTrue();
        assertThat(store.inInbox("carol", 11)).isFalse();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"files", "sqlite", "postgres"})
    void cursorsOnlyMoveForward(String kind) {
        open(kind);
        assertThat(store.cursor("alice", "phone")).isZero();
        acknowledge(store, List.of(new MessageStore.CursorMove("alice", "phone", 20)));
        acknowledge(store, List.of(new MessageStore.CursorMove("alice", "phone", 15),
                new MessageStore.CursorMove("alice", "laptop", 5)));
        assertThat(store.cursor("alice", "phone")).isEqualTo(20);
        assertThat(store.cursor("alice", "laptop")).isEqualTo(5);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"files", "sqlite", "postgres"})
    void historyPagesBackwardsThroughOneConversation(String kind) {
        open(kind);
        append(store, List.of(entry(1, "alice bob", "alice", "d", 1, "bob"),
                entry(2, "#chat", "alice", "d", 2, "bob"), entry(3, "alice bob", "bob", "d", 3, "alice"),
                entry(4, "alice bob", "alice", "d", 4, "bob")));
        assertThat(positions(store.historyBefore("alice bob", Long.MAX_VALUE, 2))).containsExactly(4L, 3L);
        assertThat(positions(store.historyBefore("alice bob", 3, 10))).containsExactly(1L);
        assertThat(store.historyBefore("#chat", 2, 10)).isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"files", "sqlite", "postgres"})
    void pruningKeepsWhatADeviceStillNeedsWithinRetentionAndTheCap(String kind) {
        open(kind);
        // One batch each: retention removes whole batches, by the time of their newest message.
        for (MessageStore.Entry entry : List.of(entry(1, "a b", "a", "d", 100, "b"),
                entry(2, "a b", "a", "d", 200, "b"), entry(3, "a b", "a", "d", 300, "b"),
                entry(4, "a c", "a", "d", 400, "c"), entry(5, "a c", "a", "d", 500, "c"),
                entry(6, "a c", "a", "d", 600, "c"))) {
            append(store, List.of(entry));
        }
        acknowledge(store, List.of(new MessageStore.CursorMove("b", "phone", 2),
                new MessageStore.CursorMove("b", "laptop", 3)));
        store.prune(150, 2, (user, counts) -> { });
        // Retention took 1; b's devices both have 2, the laptop 3 too; c keeps its newest two.
        assertThat(positions(store.inboxAfter("b", "new", 0, 10))).containsExactly(3L);
        assertThat(positions(store.inboxAfter("c", "new", 0, 10))).containsExactly(5L, 6L);
        assertThat(positions(store.historyBefore("a b", Long.MAX_VALUE, 10))).containsExactly(3L, 2L);
        MessageStore reopened = database.messageStore();
        reopened.prune(150, 2, (user, counts) -> { });
        assertThat(positions(reopened.inboxAfter("b", "new", 0, 10))).containsExactly(3L);
        assertThat(positions(reopened.historyBefore("a b", Long.MAX_VALUE, 10))).containsExactly(3L, 2L);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"files", "sqlite", "postgres"})
    void aPruneWritesTheDevicesCursorsAndNeverMovesOneBack(String kind) {
        open(kind);
        append(store, List.of(entry(1, "a b", "a", "d", 10, "b"), entry(2, "a b", "a", "d", 20, "b")));
        acknowledge(store, List.of(new MessageStore.CursorMove("b", "phone", 1)));
        store.prune(0, 100, (user, counts) -> { });
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        assertThat(cursorRows(jdbc)).containsExactly("b phone 1");
        // Another node of a cluster moved it further meanwhile.
        jdbc.update("update device_cursor set position = 5 where user_key = 'b' and device = 'phone'");
        acknowledge(store, List.of(new MessageStore.CursorMove("b", "phone", 2),
                new MessageStore.CursorMove("b", "laptop", 2)));
        store.prune(0, 100, (user, counts) -> { });
        assertThat(cursorRows(jdbc)).containsExactly("b laptop 2", "b phone 5");
    }

    private static List<String> cursorRows(JdbcTemplate jdbc) {
        return jdbc.query("select user_key, device, position from device_cursor order by user_key, device",
                (row, n) -> row.getString(1) + " " + row.getString(2) + " " + row.getLong(3));
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"files", "sqlite", "postgres"})
    void anInboxOverItsCapLosesTheFloodersMessagesFirstAndSaysWhichUnreadOnesWent(String kind) {
        open(kind);
        append(store, List.of(entry(1, "friend r", "friend", "d", 100, "r")));
        for (long position = 2; position <= 7; position++) {
            append(store, List.of(entry(position, "spam r", "spam", "d", 100 + position, "r")));
        }
        Map<String, Map<String, Integer>> told = new HashMap<>();
        store.prune(0, 3, told::put);
        assertThat(positions(store.inboxAfter("r", "new", 0, 10))).containsExactly(1L, 6L, 7L);
        assertThat(told).containsExactly(Map.entry("r", Map.of("spam", 4)));
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"files", "sqlite", "postgres"})
    void aFailedTransactionStoresNothingOfItAndTheNextOneIsStored(String kind) {
        open(kind);
        append(store, List.of(entry(1, "a b", "a", "d", 1, "b")));
        assertThatThrownBy(() -> store.write(1, List.of(entry(2, "a b", "a", "d", 2, "b")),
                List.of(new MessageStore.CursorMove("b", "x", 2))))
                .as("a batch id that is there already").isInstanceOf(RuntimeException.class);
        append(store, List.of(entry(3, "a b", "a", "d", 3, "b")));
        for (MessageStore reopened : List.of(store, database.messageStore())) {
            assertThat(reopened.highestPosition()).isEqualTo(3);
            assertThat(positions(reopened.inboxAfter("b", "x", 0, 10))).as("the write after the failure").containsExactly(1L, 3L);
            assertThat(reopened.cursor("b", "x")).isZero();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void aBatchWhoseConnectionDiedIsStoredOnAFreshOne(String kind) throws SQLException {
        open(kind);
        List<Connection> handedOut = new ArrayList<>();
        DataSource recording = new DelegatingDataSource(database.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                handedOut.add(connection);
                return connection;
            }
        };
        try (MessageStore writing = new BatchLogMessageStore(new JdbcTemplate(recording),
                new TransactionTemplate(new DataSourceTransactionManager(recording)))) {
            int before = handedOut.size();
            append(writing, List.of(entry(1, "a b", "a", "d", 1, "b")));
            assertThat(handedOut).hasSize(before + 1);
            // As when the database restarts: the connection the store keeps is gone underneath it.
            handedOut.get(before).unwrap(Connection.class).close();

            append(writing, List.of(entry(2, "a b", "a", "d", 2, "b")));
            assertThat(positions(database.messageStore().inboxAfter("b", "x", 0, 10))).containsExactly(1L, 2L);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"files", "sqlite", "postgres"})
    void aStoreOpenedAgainKnowsEveryInboxCursorAndMessage(String kind) {
        open(kind);
        append(store, List.of(entry(7, "a b", "a", "phone", 70, "a", "b"),
                entry(8, "a b", "b", "d", 80, "a", "b")));
        append(store, List.of(entry(9, "#r@1", "c", "d", 90, "a", "c")));
        acknowledge(store, List.of(new MessageStore.CursorMove("a", "phone", 8)));
        MessageStore reopened = database.messageStore();
        assertThat(reopened.highestPosition()).isEqualTo(store.highestPosition()).isGreaterThan(9);
        assertThat(reopened.cursor("a", "phone")).isEqualTo(8);
        assertThat(positions(reopened.inboxAfter("a", "phone", 8, 10))).containsExactly(9L);
        assertThat(positions(reopened.inboxAfter("a", "tablet", 0, 10))).containsExactly(7L, 8L, 9L);
        assertThat(reopened.historyBefore("#r@1", Long.MAX_VALUE, 5).get(0).line()).isEqualTo("MSG 9 9");
        assertThat(reopened.inInbox("c", 9)).isTrue();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void batchesAnEarlierVersionKeptInTheDatabaseMoveIntoTheFilesOnce(String kind) {
        open(kind);
        append(store, List.of(entry(1, "a b", "a", "d", 10, "a", "b")));
        append(store, List.of(entry(2, "a b", "b", "d", 20, "a", "b"), entry(3, "a b", "a", "d", 30, "a", "b")));
        acknowledge(store, List.of(new MessageStore.CursorMove("b", "phone", 2)));
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
        Path folder = dir.resolve("inbox");

        for (int start = 0; start < 2; start++) {
            try (MessageStore files = BatchLogMessageStore.withBatchFiles(jdbc, transactions, folder, 1 << 20,
                    Duration.ofSeconds(1))) {
                assertThat(positions(files.inboxAfter("b", "phone", 2, 10))).as("start " + start).containsExactly(3L);
                assertThat(positions(files.historyBefore("a b", Long.MAX_VALUE, 10))).containsExactly(3L, 2L, 1L);
                assertThat(files.highestPosition()).isEqualTo(store.highestPosition());
            }
            assertThat(jdbc.queryForObject("select count(*) from message_batch", Integer.class)).isZero();
        }
    }

    /** One batch of messages, its id the first one's position. */
    private static void append(MessageStore store, List<MessageStore.Entry> entries) {
        store.write(entries.get(0).message().position(), entries, List.of());
    }

    /** One batch of acknowledgements alone, under a position of its own, as the writer gives it. */
    private static void acknowledge(MessageStore store, List<MessageStore.CursorMove> moves) {
        store.write(store.highestPosition() + 1, List.of(), moves);
    }

    private static MessageStore.Entry entry(long position, String conversation, String sender, String device,
            long sentAt, String... inboxOf) {
        return new MessageStore.Entry(new StoredMessage(position, conversation, sender, device, sentAt,
                String.valueOf(position)), List.of(inboxOf));
    }

    private static List<Long> positions(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::position).toList();
    }
}
